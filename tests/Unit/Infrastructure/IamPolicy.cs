using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// An identity policy as IAM evaluates one: a request is allowed when an Allow statement matches its action,
    /// resource and condition, and no Deny statement does. Actions match case-insensitively and resources
    /// case-sensitively, both with the wildcards <c>*</c> (any run of characters, <c>:</c> and <c>/</c> included)
    /// and <c>?</c> (one character). Conditions: StringEquals and StringLike, several values meaning any of them,
    /// a key missing from the request meaning no match. Anything else (NotAction, other operators) is refused
    /// as unknown, so that a policy this cannot judge fails the test instead of passing it.
    /// </summary>
    public sealed class IamPolicy
    {
        private readonly IReadOnlyList<Statement> statements;

        private IamPolicy(IReadOnlyList<Statement> statements)
        {
            this.statements = statements;
        }

        public static IamPolicy Parse(string document)
        {
            using var json = JsonDocument.Parse(document);
            var root = json.RootElement;
            if (root.GetProperty("Version").GetString() != "2012-10-17")
            {
                throw new NotSupportedException("Only policy language version 2012-10-17 is evaluated.");
            }

            var list = root.GetProperty("Statement");
            var parsed = (list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : new List<JsonElement> { list }).Select(ParseStatement).ToList();
            return new IamPolicy(parsed);
        }

        /// <summary>Whether the policy allows <paramref name="action"/> on <paramref name="resource"/> with the request's condition keys.</summary>
        public bool Allows(string action, string resource, IReadOnlyDictionary<string, string> context)
        {
            var matching = statements.Where(s => s.Matches(action, resource, context)).ToList();
            return matching.Any(s => s.Allow) && !matching.Any(s => !s.Allow);
        }

        private static Statement ParseStatement(JsonElement element)
        {
            foreach (var member in element.EnumerateObject())
            {
                if (member.Name != "Sid" && member.Name != "Effect" && member.Name != "Action" && member.Name != "Resource" && member.Name != "Condition")
                {
                    throw new NotSupportedException($"A statement member this evaluator does not judge: {member.Name}.");
                }
            }

            var conditions = new List<(string Operator, string Key, IReadOnlyList<string> Values)>();
            if (element.TryGetProperty("Condition", out var condition))
            {
                foreach (var op in condition.EnumerateObject())
                {
                    if (op.Name != "StringEquals" && op.Name != "StringLike")
                    {
                        throw new NotSupportedException($"A condition operator this evaluator does not judge: {op.Name}.");
                    }

                    foreach (var key in op.Value.EnumerateObject())
                    {
                        conditions.Add((op.Name, key.Name, Strings(key.Value)));
                    }
                }
            }

            return new Statement(
                element.GetProperty("Effect").GetString() == "Allow",
                Strings(element.GetProperty("Action")).Select(a => Wildcard(a, ignoreCase: true)).ToList(),
                Strings(element.GetProperty("Resource")).Select(r => Wildcard(r, ignoreCase: false)).ToList(),
                conditions);
        }

        private static IReadOnlyList<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : new[] { value.GetString()! };

        private static Regex Wildcard(string pattern, bool ignoreCase)
        {
            var expression = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
            return new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
        }

        private sealed class Statement
        {
            private readonly IReadOnlyList<Regex> actions;
            private readonly IReadOnlyList<Regex> resources;
            private readonly IReadOnlyList<(string Operator, string Key, IReadOnlyList<string> Values)> conditions;

            public Statement(bool allow, IReadOnlyList<Regex> actions, IReadOnlyList<Regex> resources, IReadOnlyList<(string, string, IReadOnlyList<string>)> conditions)
            {
                Allow = allow;
                this.actions = actions;
                this.resources = resources;
                this.conditions = conditions;
            }

            public bool Allow { get; }

            public bool Matches(string action, string resource, IReadOnlyDictionary<string, string> context)
            {
                return actions.Any(a => a.IsMatch(action)) && resources.Any(r => r.IsMatch(resource)) && conditions.All(c => Holds(c, context));
            }

            private static bool Holds((string Operator, string Key, IReadOnlyList<string> Values) condition, IReadOnlyDictionary<string, string> context)
            {
                var value = context.FirstOrDefault(k => string.Equals(k.Key, condition.Key, StringComparison.OrdinalIgnoreCase)).Value;
                if (value == null)
                {
                    return false;
                }

                return condition.Operator == "StringEquals"
                    ? condition.Values.Any(v => string.Equals(v, value, StringComparison.Ordinal))
                    : condition.Values.Any(v => Wildcard(v, ignoreCase: false).IsMatch(value));
            }
        }
    }
}
