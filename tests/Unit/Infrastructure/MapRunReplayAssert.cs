using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>What a resumed Map Run must have run, checked on <see cref="FailedMapRunWorld.RunItemFile"/>'s answer.</summary>
    public static class MapRunReplayAssert
    {
        /// <summary>
        /// The acceptance: a child run for every item that did not succeed and none for one that did; each failed
        /// child only from its failed state ("Charge card") with the input it was given; aborted (in their first
        /// state) and never-started items from the start, with what the first run handed their child.
        /// </summary>
        public static void OnlyUnfinishedRan(FailedMapRunWorld world, Dictionary<int, (List<string> States, JsonElement FirstInput)> calls)
        {
            Assert.Equal(world.Items - world.Succeeded, calls.Count);
            for (var i = 0; i < world.Items; i++)
            {
                if (i >= world.Failed + world.Aborted && i < world.Failed + world.Aborted + world.Succeeded)
                {
                    Assert.False(calls.ContainsKey(i), $"item {i} succeeded before but ran again");
                    continue;
                }

                var (states, first) = calls[i];
                if (i < world.Failed)
                {
                    Assert.Equal(new[] { "Charge card" }, states);
                    Assert.True(first.GetProperty("fetched").GetBoolean(), $"item {i} resumed without the input its failed state was given");
                }
                else
                {
                    Assert.Equal(new[] { "Fetch order", "Charge card" }, states);
                    Assert.True(JsonNode.DeepEquals(JsonNode.Parse(world.Variant.ChildInput(i)), JsonNode.Parse(first.GetRawText())), $"item {i} started with {first.GetRawText()}");
                }
            }
        }
    }
}
