using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace SfnResume.History
{
    /// <summary>
    /// Container records or branch records as an output object lists them. It prints as one line of their
    /// summaries: what Export-Csv writes in its cell and ConvertTo-Json writes past its depth.
    /// </summary>
    public sealed class RecordList<T> : ReadOnlyCollection<T>
    {
        public static readonly RecordList<T> Empty = new RecordList<T>(Array.Empty<T>());

        public RecordList(IList<T> items)
            : base(items)
        {
        }

        public static RecordList<T> Of(IEnumerable<T>? items) => items switch
        {
            RecordList<T> list => list,
            null => Empty,
            _ => new RecordList<T>(items.ToList()),
        };

        public override string ToString() => string.Join("; ", this.Select(item => item?.ToString()));
    }
}
