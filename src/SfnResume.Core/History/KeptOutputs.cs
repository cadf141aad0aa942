using System;
using System.Collections.Generic;
using SfnResume.Aws.Model;

namespace SfnResume.History
{
    /// <summary>
    /// The outputs the scan of a saved history copies as it passes them, undecoded: those of the states that end
    /// a branch or iteration (<see cref="SavedHistory.Open"/>'s names), which a GoTo copy replays. Copied then,
    /// they need no second read of the file, which for a Map of thousands of iterations would be most of it.
    /// </summary>
    internal sealed class KeptOutputs
    {
        // Outputs are copied into blocks, not an array each; a larger one gets a block of its own. Under the
        // large-object threshold: large objects are collected only with the oldest generation, and a few of them
        // per analysis would make every analysis pay a full collection.
        private const int BlockSize = 64 * 1024;

        private readonly HashSet<string> names;
        private readonly Dictionary<long, (byte[] Block, int Offset)> byStart = new Dictionary<long, (byte[] Block, int Offset)>();
        private byte[] block = Array.Empty<byte>();
        private int used;

        public KeptOutputs(IEnumerable<string> names)
        {
            this.names = new HashSet<string>(names, StringComparer.Ordinal);
        }

        /// <summary>Whether outputs of states of this name are kept.</summary>
        public bool Keeps(string? name) => name != null && names.Contains(name);

        /// <summary>Copies the output token that lies at <paramref name="startInFile"/>; a rescan of the same event copies it again.</summary>
        public void Keep(ReadOnlySpan<byte> token, long startInFile)
        {
            byte[] into;
            int offset;
            if (token.Length > BlockSize / 4)
            {
                into = new byte[token.Length];
                offset = 0;
            }
            else
            {
                if (used + token.Length > block.Length)
                {
                    block = new byte[BlockSize];
                    used = 0;
                }

                into = block;
                offset = used;
                used += token.Length;
            }

            token.CopyTo(new Span<byte>(into, offset, token.Length));
            byStart[startInFile] = (into, offset);
        }

        /// <summary>The kept copy of the output that lay at <paramref name="startInFile"/>, if the scan kept it.</summary>
        public bool TryDetach(long startInFile, out IPayloadBytes detached)
        {
            if (byStart.TryGetValue(startInFile, out var kept))
            {
                detached = new DetachedPayload(kept.Block, kept.Offset, startInFile);
                return true;
            }

            detached = null!;
            return false;
        }
    }
}
