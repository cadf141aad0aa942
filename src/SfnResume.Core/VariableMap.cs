using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace SfnResume
{
    /// <summary>
    /// Variables by name, each value JSON text. It prints as one line, "name=value; other=value": what Export-Csv
    /// writes in its cell instead of a type name.
    /// </summary>
    public sealed class VariableMap : ReadOnlyDictionary<string, string>
    {
        public static readonly VariableMap Empty = new VariableMap(new Dictionary<string, string>());

        public VariableMap(IDictionary<string, string> variables)
            : base(variables)
        {
        }

        public static VariableMap Of(IReadOnlyDictionary<string, string>? variables) => variables switch
        {
            VariableMap map => map,
            null => Empty,
            _ => new VariableMap(variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)),
        };

        public override string ToString() => string.Join("; ", this.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value));
    }
}
