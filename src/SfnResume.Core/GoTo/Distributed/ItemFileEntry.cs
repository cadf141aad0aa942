using System.Text.Json;

namespace SfnResume.GoTo.Distributed
{
    /// <summary>
    /// One entry of an item file SfnResume wrote (see <see cref="DistributedTwin"/>): the item's index in the
    /// original's Map Run, the item, and how its child resumed. Read back when the run of the copy that ran the
    /// file failed again, so the next file carries on from both runs.
    /// </summary>
    public sealed class ItemFileEntry
    {
        public ItemFileEntry(int index, string item, string replay)
        {
            Index = index;
            Item = item;
            Replay = replay;
        }

        /// <summary>The item's index in the original's Map Run (what its children saw as <c>$$.Map.Item.Index</c>).</summary>
        public int Index { get; }

        /// <summary>The item, JSON text.</summary>
        public string Item { get; }

        /// <summary>JSON text: <c>1</c> (from the item processor's start) or <c>{"state", "input"[, "variables"]}</c>.</summary>
        public string Replay { get; }

        /// <summary>An entry of an item file; null when <paramref name="json"/> is not one.</summary>
        public static ItemFileEntry? Parse(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty(DistributedTwin.IndexKey, out var index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var at) && at >= 0
                    && root.TryGetProperty(DistributedTwin.ItemKey, out var item)
                    && root.TryGetProperty(TwinBuilder.ReplayKey, out var replay)
                    ? new ItemFileEntry(at, item.GetRawText(), replay.GetRawText())
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
