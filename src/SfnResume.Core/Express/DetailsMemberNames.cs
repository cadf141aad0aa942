using System;

namespace SfnResume.Express
{
    /// <summary>
    /// The wire name of an event's details member, from its type: a log record carries the details without the
    /// name GetExecutionHistory wraps them in. Every <c>*StateEntered</c> shares <c>stateEnteredEventDetails</c>, every
    /// <c>*StateExited</c> <c>stateExitedEventDetails</c>; every other type with details has its own, the type in
    /// camelCase (<c>TaskFailed</c>: <c>taskFailedEventDetails</c>), as the Step Functions API model names all 41 of them.
    /// </summary>
    public static class DetailsMemberNames
    {
        public static string For(string type)
        {
            if (string.IsNullOrEmpty(type))
            {
                throw new ArgumentException("An event type is needed.", nameof(type));
            }

            if (type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                return "stateEnteredEventDetails";
            }

            if (type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                return "stateExitedEventDetails";
            }

            return char.ToLowerInvariant(type[0]) + type.Substring(1) + "EventDetails";
        }
    }
}
