using System.Collections.Concurrent;
using System.Reflection;

namespace Stationery.Hosting.EventSourcing;

/// <summary>
/// Folds events into an immutable state record by the conventions Marten documents: <c>public static TState Create(E e)</c>
/// starts the state, <c>public TState Apply(E e)</c> returns the next state. Events the state has no method for are skipped.
/// </summary>
public static class StateEvolver<TState> where TState : class
{
    private static readonly ConcurrentDictionary<Type, Func<TState?, object, TState?>> Steps = new();

    public static TState? Fold(IEnumerable<object> events) =>
        events.Aggregate((TState?)null, (state, e) => Evolve(state, e));

    public static TState? Evolve(TState? state, object e) => Steps.GetOrAdd(e.GetType(), Build)(state, e);

    private static Func<TState?, object, TState?> Build(Type eventType)
    {
        var create = Find("Create", BindingFlags.Public | BindingFlags.Static, eventType);
        var apply = Find("Apply", BindingFlags.Public | BindingFlags.Instance, eventType);
        return (state, e) =>
        {
            if (state is null)
                return create is null ? null : (TState?)create.Invoke(null, [e]);
            return apply is null ? state : (TState?)apply.Invoke(state, [e]) ?? state;
        };
    }

    private static MethodInfo? Find(string name, BindingFlags flags, Type eventType) =>
        typeof(TState).GetMethods(flags).FirstOrDefault(m =>
            m.Name == name && m.ReturnType == typeof(TState) && m.GetParameters() is [var p] && p.ParameterType.IsAssignableFrom(eventType));
}
