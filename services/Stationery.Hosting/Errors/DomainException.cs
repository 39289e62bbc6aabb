namespace Stationery.Hosting.Errors;

/// <summary>
/// A business rule said no. Deciders throw it; the exception handler turns it into problem details
/// with a stable <c>type</c> (e.g. <c>/problems/insufficient-stock</c>) and a message a shop owner can act on.
/// </summary>
public class DomainException(string code, string detail, int status = 409) : Exception(detail)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}

/// <summary>The thing asked for does not exist in the caller's chain (or belongs to another chain: same answer).</summary>
public sealed class NotFoundException(string what, string id)
    : DomainException("not-found", $"{what} '{id}' was not found.", 404);

/// <summary>The caller's role may not do this.</summary>
public sealed class ForbiddenException(string detail, string code = "forbidden")
    : DomainException(code, detail, 403)
{
    /// <summary>
    /// The problem type of a refusal for a branch the caller's token does not name (<c>/problems/branch-reach</c>). The token
    /// may be older than a grant (a branch opened or given since it was issued): the web app refreshes its session once and
    /// asks again before it shows the refusal.
    /// </summary>
    public const string BranchReach = "branch-reach";
}

/// <summary>Input failed validation; every failing field is listed.</summary>
public sealed class ValidationException(IDictionary<string, string[]> errors)
    : DomainException("validation", "One or more fields are invalid.", 400)
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}
