namespace Stationery.Contracts;

/// <summary>
/// The fixed RabbitMQ exchange name of an integration event. Integrators bind to this name; it never changes when a
/// CLR type or namespace is renamed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WireNameAttribute(string name) : Attribute
{
    /// <summary>The exchange name, e.g. <c>stationery.inventory.stock-alert-changed</c>.</summary>
    public string Name { get; } = name;
}
