using System.Net;
using Framecast.Api.Tests.Accounts;
using Framecast.Api.Tests.Infrastructure;

namespace Framecast.Api.Tests.Assets;

/// <summary>Bad upload requests: each a 4xx in the error envelope, and no row stored.</summary>
public sealed class AssetBadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory = factory.Relaxed();

    public static TheoryData<string> Bodies => new()
    {
        """{"filename": "big.png", "content_type": "image/png", "size_bytes": 52428801}""",
        """{"filename": "zero.png", "content_type": "image/png", "size_bytes": 0}""",
        """{"filename": "neg.png", "content_type": "image/png", "size_bytes": -1}""",
        """{"filename": "frac.png", "content_type": "image/png", "size_bytes": 1.5}""",
        """{"filename": "str.png", "content_type": "image/png", "size_bytes": "10"}""",
        """{"filename": "x.gif", "content_type": "image/gif", "size_bytes": 10}""",
        """{"filename": "x.png", "content_type": "IMAGE/PNG", "size_bytes": 10}""",
        """{"filename": "x.png", "size_bytes": 10}""",
        """{"content_type": "image/png", "size_bytes": 10}""",
        """{"filename": 5, "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "../x.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "a/b.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "a\\b.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "nul\u0000.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "bell\u0007.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "c1\u0085.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "del\u007f.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "lone\ud800.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "lone\udfff.png", "content_type": "image/png", "size_bytes": 10}""",
        """{"filename": "x.png", "content_type": "image/png", "size_bytes": 10, "owner": "framecast:user:nope"}""",
        """{"filename": "x.png", "content_type": "image/png", "size_bytes": 10, "project_id": "not-a-uuid"}""",
        """{"filename": "x.png", "content_type": "image/png", "size_bytes": 10, "project_id": 7}""",
        "not json",
        "[]",
        "",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_upload_request_is_a_400_and_stores_nothing(string body)
    {
        var user = await _factory.StarterAsync();
        var rows = await _factory.AssetRowsAsync();

        var reply = await user.Client.Send(HttpMethod.Post, "/v1/assets/upload-url", body);

        reply.AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(rows, await _factory.AssetRowsAsync());
    }

    [Fact]
    public async Task A_long_filename_is_refused_at_256_characters()
    {
        var user = await _factory.StarterAsync();
        var rows = await _factory.AssetRowsAsync();

        (await user.Client.UploadUrlAsync(new string('a', 252) + ".png", "image/png", 10)).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(rows, await _factory.AssetRowsAsync());
        Assert.Equal(HttpStatusCode.Created, (await user.Client.UploadUrlAsync(new string('a', 251) + ".png", "image/png", 10)).Status);
    }

    [Fact]
    public async Task An_owner_the_caller_may_not_use_is_refused_and_stores_nothing()
    {
        var user = await _factory.CreatorAsync();
        var other = await _factory.CreatorAsync();
        var rows = await _factory.AssetRowsAsync();

        (await user.Client.UploadUrlAsync("x.png", "image/png", 10, $"framecast:team:{other.MyTeamId:D}")).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        (await user.Client.UploadUrlAsync("x.png", "image/png", 10, $"framecast:{user.MyTeamId:D}:{other.Id:D}")).AssertError(HttpStatusCode.Forbidden, "OWNER_NOT_ALLOWED");
        Assert.Equal(rows, await _factory.AssetRowsAsync());
    }

    [Theory]
    [InlineData("/v1/assets?limit=0")]
    [InlineData("/v1/assets?limit=101")]
    [InlineData("/v1/assets?status=done")]
    [InlineData("/v1/assets?owner=someone")]
    [InlineData("/v1/assets?cursor=%%%")]
    [InlineData("/v1/assets?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5fHg")]
    [InlineData("/v1/assets?project_id=nope")]
    public async Task Bad_list_queries_are_400s(string path)
    {
        var user = await _factory.StarterAsync();

        (await user.Client.Call(HttpMethod.Get, path)).AssertError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}

/// <summary>The byte quota, on a host whose starters get 1,000 bytes.</summary>
public sealed class AssetQuotaTests : IClassFixture<AssetQuotaTests.SmallQuota>
{
    public sealed class SmallQuota : IAsyncLifetime
    {
        public ApiFactory Api { get; } = new ApiFactory().Relaxed();

        public Task InitializeAsync()
        {
            Api.Settings["STORAGE_QUOTA_STARTER_BYTES"] = "1000";
            return Api.InitializeAsync();
        }

        public Task DisposeAsync() => Api.DisposeAsync();
    }

    private readonly ApiFactory _factory;

    public AssetQuotaTests(SmallQuota host) => _factory = host.Api;

    [Fact]
    public async Task Pending_uploads_reserve_quota_and_an_upload_past_it_is_409_with_nothing_stored()
    {
        var user = await _factory.StarterAsync();
        Assert.Equal(HttpStatusCode.Created, (await user.Client.UploadUrlAsync("a.png", "image/png", 600)).Status);
        var rows = await _factory.AssetRowsAsync();

        var over = await user.Client.UploadUrlAsync("b.png", "image/png", 401);

        over.AssertError(HttpStatusCode.Conflict, "STORAGE_QUOTA_EXCEEDED");
        Assert.Equal(1000, over.Body.GetProperty("error").GetProperty("details").GetProperty("quota_bytes").GetInt64());
        Assert.Equal(rows, await _factory.AssetRowsAsync());
        Assert.Equal(HttpStatusCode.Created, (await user.Client.UploadUrlAsync("c.png", "image/png", 400)).Status);
    }

    [Fact]
    public async Task Concurrent_upload_requests_never_reserve_more_than_the_quota()
    {
        var user = await _factory.StarterAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => user.Client.UploadUrlAsync($"{i}.png", "image/png", 300)));

        Assert.Equal(3, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertError(HttpStatusCode.Conflict, "STORAGE_QUOTA_EXCEEDED"));
        Assert.Equal(900, await _factory.SqlAsync<long>("SELECT sum(size_bytes) FROM asset_files WHERE uploaded_by = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Stored_bytes_count_and_a_stale_pending_reservation_no_longer_does()
    {
        var user = await _factory.StarterAsync();
        await _factory.ExecAsync("UPDATE users SET ephemeral_storage_bytes = 700 WHERE id = @Id", new { user.Id });
        (await user.Client.UploadUrlAsync("a.png", "image/png", 301)).AssertError(HttpStatusCode.Conflict, "STORAGE_QUOTA_EXCEEDED");
        Assert.Equal(HttpStatusCode.Created, (await user.Client.UploadUrlAsync("b.png", "image/png", 300)).Status);
        (await user.Client.UploadUrlAsync("c.png", "image/png", 1)).AssertError(HttpStatusCode.Conflict, "STORAGE_QUOTA_EXCEEDED");

        // Its upload URL has expired: the reservation lapses.
        await _factory.ExecAsync("UPDATE asset_files SET created_at = now() - interval '16 minutes' WHERE uploaded_by = @Id", new { user.Id });

        Assert.Equal(HttpStatusCode.Created, (await user.Client.UploadUrlAsync("d.png", "image/png", 300)).Status);
    }
}
