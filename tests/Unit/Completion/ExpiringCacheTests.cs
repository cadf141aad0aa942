using System;
using SfnResume.Completion;
using Xunit;

namespace SfnResume.Tests.Completion
{
    /// <summary>Completion answers are reused for a while, and a failed read is tried again on the next Tab.</summary>
    public sealed class ExpiringCacheTests
    {
        private DateTime now = new DateTime(2026, 11, 24, 3, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void An_answer_is_reused_until_it_expires_then_read_again()
        {
            var cache = new ExpiringCache<string>(TimeSpan.FromMinutes(2), () => now);
            var reads = 0;

            var first = cache.GetOrLoad("states|Orders", () => "read " + ++reads);
            now = now.AddSeconds(119);
            var second = cache.GetOrLoad("states|Orders", () => "read " + ++reads);
            now = now.AddSeconds(2);
            var third = cache.GetOrLoad("states|Orders", () => "read " + ++reads);

            Assert.Equal(new[] { "read 1", "read 1", "read 2" }, new[] { first, second, third });
        }

        [Fact]
        public void A_failed_read_is_not_kept()
        {
            var cache = new ExpiringCache<string>(TimeSpan.FromMinutes(2), () => now);

            Assert.Throws<TimeoutException>(() => cache.GetOrLoad("executions|Orders", () => throw new TimeoutException()));
            Assert.Equal("answer", cache.GetOrLoad("executions|Orders", () => "answer"));
        }

        [Fact]
        public void Each_question_has_its_own_answer()
        {
            var cache = new ExpiringCache<string>(TimeSpan.FromMinutes(2), () => now);

            cache.GetOrLoad("states|Orders", () => "Orders states");

            Assert.Equal("Billing states", cache.GetOrLoad("states|Billing", () => "Billing states"));
        }
    }
}
