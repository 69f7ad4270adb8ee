using System.Text.Json;

namespace Framecast.Bench.Setup;

/// <summary>
/// Makes the owners the scenarios load: fresh users (a new id each run, so no earlier run's jobs count
/// against their limits), upgraded to creator so each personal URN admits 5 concurrent jobs, with credits.
/// </summary>
public sealed class BenchAccounts(ApiClient api, BenchSettings settings)
{
    private const int CreditsPerOwner = 1_000_000;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    public async Task<IReadOnlyList<BenchOwner>> CreateOwnersAsync(CancellationToken cancellationToken)
    {
        var minter = new JwtMinter(settings.JwtSecret, settings.JwtIssuer);
        var run = Guid.NewGuid().ToString("N")[..8];
        var owners = Enumerable.Range(0, settings.Owners)
            .Select(i =>
            {
                var userId = Guid.NewGuid();
                return new BenchOwner(userId, minter.Mint(userId, $"bench-{run}-{i}@example.com", TokenLifetime));
            })
            .ToList();
        // A few at a time: setup is not what is measured.
        await Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (owner, token) =>
            {
                Expect(await api.SendAsync(HttpMethod.Post, "/v1/account/upgrade", owner.Token, cancellationToken: token),
                    200, "POST /v1/account/upgrade (with a freshly minted JWT; is JWT_SECRET the API's?)");
                var grant = JsonSerializer.Serialize(new { owner = owner.Urn, amount = CreditsPerOwner, reason = "bench" });
                Expect(await api.SendAsync(HttpMethod.Post, "/v1/admin/credits", settings.AdminToken, grant, token),
                    200, "POST /v1/admin/credits (is FRAMECAST_ADMIN_TOKEN the API's?)");
            });
        return owners;
    }

    private static void Expect(ApiResponse response, int status, string what)
    {
        if (response.Status != status)
        {
            throw new BenchFailure($"{what} answered {response.Status}, expected {status}:\n{response.Body}");
        }
    }
}
