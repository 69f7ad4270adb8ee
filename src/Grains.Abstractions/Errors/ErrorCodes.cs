namespace Framecast.Grains.Abstractions.Errors;

/// <summary>The error catalog (spec 04 §0.4) plus the runtime's own codes.</summary>
public static class ErrorCodes
{
    public static readonly ErrorCode ValidationError = new("VALIDATION_ERROR", 400);
    public static readonly ErrorCode CannotTargetSelf = new("CANNOT_TARGET_SELF", 400);
    public static readonly ErrorCode Unauthenticated = new("UNAUTHENTICATED", 401);
    public static readonly ErrorCode InsufficientCredits = new("INSUFFICIENT_CREDITS", 402);
    public static readonly ErrorCode CreatorTierRequired = new("CREATOR_TIER_REQUIRED", 403);
    public static readonly ErrorCode InsufficientRole = new("INSUFFICIENT_ROLE", 403);
    public static readonly ErrorCode InsufficientScope = new("INSUFFICIENT_SCOPE", 403);
    public static readonly ErrorCode OwnerNotAllowed = new("OWNER_NOT_ALLOWED", 403);
    public static readonly ErrorCode Forbidden = new("FORBIDDEN", 403);
    public static readonly ErrorCode InvitationEmailMismatch = new("INVITATION_EMAIL_MISMATCH", 403);
    public static readonly ErrorCode NotFound = new("NOT_FOUND", 404);
    public static readonly ErrorCode TeamNotFound = new("TEAM_NOT_FOUND", 404);
    public static readonly ErrorCode MemberNotFound = new("MEMBER_NOT_FOUND", 404);
    public static readonly ErrorCode InvitationNotFound = new("INVITATION_NOT_FOUND", 404);
    public static readonly ErrorCode ProjectNotFound = new("PROJECT_NOT_FOUND", 404);
    public static readonly ErrorCode JobNotFound = new("JOB_NOT_FOUND", 404);
    public static readonly ErrorCode AssetNotFound = new("ASSET_NOT_FOUND", 404);
    public static readonly ErrorCode SystemAssetNotFound = new("SYSTEM_ASSET_NOT_FOUND", 404);
    public static readonly ErrorCode WebhookNotFound = new("WEBHOOK_NOT_FOUND", 404);
    public static readonly ErrorCode DeliveryNotFound = new("DELIVERY_NOT_FOUND", 404);
    public static readonly ErrorCode AutomationNotFound = new("AUTOMATION_NOT_FOUND", 404);
    public static readonly ErrorCode ApiKeyNotFound = new("API_KEY_NOT_FOUND", 404);
    public static readonly ErrorCode UserNotFound = new("USER_NOT_FOUND", 404);
    public static readonly ErrorCode MethodNotAllowed = new("METHOD_NOT_ALLOWED", 405);
    public static readonly ErrorCode EmailTaken = new("EMAIL_TAKEN", 409);
    public static readonly ErrorCode SlugTaken = new("SLUG_TAKEN", 409);
    public static readonly ErrorCode OwnedTeamLimitReached = new("OWNED_TEAM_LIMIT_REACHED", 409);
    public static readonly ErrorCode MembershipLimitReached = new("MEMBERSHIP_LIMIT_REACHED", 409);
    public static readonly ErrorCode PendingInvitationLimitReached = new("PENDING_INVITATION_LIMIT_REACHED", 409);
    public static readonly ErrorCode LastOwner = new("LAST_OWNER", 409);
    public static readonly ErrorCode TeamNotEmpty = new("TEAM_NOT_EMPTY", 409);
    public static readonly ErrorCode ActiveJobsExist = new("ACTIVE_JOBS_EXIST", 409);
    public static readonly ErrorCode AlreadyMember = new("ALREADY_MEMBER", 409);
    public static readonly ErrorCode InvitationNotActionable = new("INVITATION_NOT_ACTIONABLE", 409);
    public static readonly ErrorCode InvalidProjectState = new("INVALID_PROJECT_STATE", 409);
    public static readonly ErrorCode ProjectJobActive = new("PROJECT_JOB_ACTIVE", 409);
    public static readonly ErrorCode JobNotCancelable = new("JOB_NOT_CANCELABLE", 409);
    public static readonly ErrorCode JobNotDeletable = new("JOB_NOT_DELETABLE", 409);
    public static readonly ErrorCode IdempotencyKeyReused = new("IDEMPOTENCY_KEY_REUSED", 409);
    public static readonly ErrorCode AssetNotPending = new("ASSET_NOT_PENDING", 409);
    public static readonly ErrorCode ApiKeyRevoked = new("API_KEY_REVOKED", 409);
    public static readonly ErrorCode WebhookInactive = new("WEBHOOK_INACTIVE", 409);
    public static readonly ErrorCode DeliveryNotFailed = new("DELIVERY_NOT_FAILED", 409);
    public static readonly ErrorCode AutomationDisabled = new("AUTOMATION_DISABLED", 409);
    public static readonly ErrorCode StorageQuotaExceeded = new("STORAGE_QUOTA_EXCEEDED", 409);
    /// <summary>A grain's state kept changing under the call; retrying later may succeed.</summary>
    public static readonly ErrorCode ConcurrentModification = new("CONCURRENT_MODIFICATION", 409);
    public static readonly ErrorCode EventsExpired = new("EVENTS_EXPIRED", 410);
    public static readonly ErrorCode PayloadTooLarge = new("PAYLOAD_TOO_LARGE", 413);
    public static readonly ErrorCode UnsupportedMediaType = new("UNSUPPORTED_MEDIA_TYPE", 415);
    public static readonly ErrorCode SpecInvalid = new("SPEC_INVALID", 422);
    public static readonly ErrorCode SpecMissing = new("SPEC_MISSING", 422);
    public static readonly ErrorCode UploadVerificationFailed = new("UPLOAD_VERIFICATION_FAILED", 422);
    public static readonly ErrorCode OwnerProjectMismatch = new("OWNER_PROJECT_MISMATCH", 422);
    public static readonly ErrorCode RateLimitExceeded = new("RATE_LIMIT_EXCEEDED", 429);
    public static readonly ErrorCode ConcurrentJobLimit = new("CONCURRENT_JOB_LIMIT", 429);
    public static readonly ErrorCode InvitationRateLimit = new("INVITATION_RATE_LIMIT", 429);
    public static readonly ErrorCode InternalError = new("INTERNAL_ERROR", 500);
    /// <summary>A grain call waited longer than the call timeout for its turn.</summary>
    public static readonly ErrorCode Timeout = new("TIMEOUT", 503);
    public static readonly ErrorCode Unavailable = new("SERVICE_UNAVAILABLE", 503);
}
