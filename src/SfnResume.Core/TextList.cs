using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace SfnResume
{
    /// <summary>
    /// Texts an output object lists (reason codes, notes, replayed parts). It prints as one line, "a; b": what
    /// Export-Csv writes in its cell and ConvertTo-Json writes past its depth, instead of a type name.
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>
    {
        public static readonly TextList Empty = new TextList(Array.Empty<string>());

        public TextList(IList<string> items)
            : base(items)
        {
        }

        public static TextList Of(IEnumerable<string>? items) => items switch
        {
            TextList list => list,
            null => Empty,
            _ => new TextList(items.ToList()),
        };

        public override string ToString() => string.Join("; ", this);
    }
}
