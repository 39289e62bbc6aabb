namespace Stationery.Hosting.Errors;

/// <summary>Collects every field error of a request, then throws one <see cref="ValidationException"/>.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public Validation Require(bool ok, string field, string rule)
    {
        if (!ok) Add(field, rule);
        return this;
    }

    public Validation NotEmpty(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        return this;
    }

    public Validation Positive(int value, string field) => Require(value > 0, field, "must be greater than 0");

    public Validation NotNegative(decimal value, string field) => Require(value >= 0, field, "must not be negative");

    public void Add(string field, string rule)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(rule);
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
            throw new ValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
