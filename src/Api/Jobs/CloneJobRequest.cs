using System.Text.Json;

namespace Framecast.Api.Jobs;

/// <summary>
/// The optional body of <c>POST /v1/jobs/:id/clone</c>, for the API document; the handler reads it field by field so
/// that each bad field gets its own message.
/// </summary>
/// <param name="Owner">Who pays; the source job's owner when left out.</param>
/// <param name="Overrides">A JSON merge patch (RFC 7386) of the source's storyboard; an object in place of an array of
/// elements with ids merges into them by id, e.g. {"scenes": {"s2": {"prompt": "…"}}}.</param>
/// <param name="IdempotencyKey">As the Idempotency-Key header.</param>
public sealed record CloneJobRequest(string? Owner, JsonElement? Overrides, string? IdempotencyKey);
