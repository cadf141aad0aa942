using System;
using System.Linq;
using SfnResume.Redrive;
using Xunit;

namespace SfnResume.Tests.Redrive
{
    /// <summary>When native redrive applies, and the reason an operator is given when it does not.</summary>
    public sealed class RedriveEligibilityTests
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

        private static RedriveFacts FailedYesterday() => new RedriveFacts
        {
            Status = "FAILED",
            StateMachineType = "STANDARD",
            StartDate = Now.AddDays(-1).AddHours(-2),
            StopDate = Now.AddDays(-1),
            HistoryEventCount = 120,
            DefinitionUnchanged = true,
        };

        private static string[] Codes(RedriveFacts facts) => RedriveEligibility.Evaluate(facts, Now).Reasons.Select(r => r.Code).ToArray();

        [Fact]
        public void A_recent_failure_of_an_unchanged_Standard_machine_is_eligible()
        {
            var verdict = RedriveEligibility.Evaluate(FailedYesterday(), Now);

            Assert.True(verdict.Eligible);
            Assert.Empty(verdict.Reasons);
        }

        [Theory]
        [InlineData("TIMED_OUT")]
        [InlineData("ABORTED")]
        public void Timed_out_and_aborted_executions_are_eligible_too(string status)
        {
            var facts = FailedYesterday();
            facts.Status = status;

            Assert.True(RedriveEligibility.Evaluate(facts, Now).Eligible);
        }

        [Fact]
        public void Each_rule_gives_its_own_reason()
        {
            var express = FailedYesterday();
            express.StateMachineType = "EXPRESS";
            var succeeded = FailedYesterday();
            succeeded.Status = "SUCCEEDED";
            var running = FailedYesterday();
            running.Status = "RUNNING";
            running.StopDate = null;
            var old = FailedYesterday();
            old.StopDate = Now.AddDays(-15);
            var ancient = FailedYesterday();
            ancient.StartDate = new DateTime(2023, 11, 14, 23, 0, 0, DateTimeKind.Utc);
            var long24999 = FailedYesterday();
            long24999.HistoryEventCount = 24999;
            var changed = FailedYesterday();
            changed.DefinitionUnchanged = false;

            Assert.Equal(new[] { "NotStandard" }, Codes(express));
            Assert.Equal(new[] { "Succeeded" }, Codes(succeeded));
            Assert.Equal(new[] { "NotClosed" }, Codes(running));
            Assert.Equal(new[] { "ClosedTooLongAgo" }, Codes(old));
            Assert.Equal(new[] { "StartedBeforeRedrive" }, Codes(ancient));
            Assert.Equal(new[] { "HistoryTooLong" }, Codes(long24999));
            Assert.Equal(new[] { "DefinitionChanged" }, Codes(changed));
        }

        [Fact]
        public void The_boundaries_are_those_AWS_documents()
        {
            var justInWindow = FailedYesterday();
            justInWindow.StopDate = Now.AddDays(-14);
            var firstDay = FailedYesterday();
            firstDay.StartDate = RedriveEligibility.RedriveAvailableSince;
            var roomForOneMore = FailedYesterday();
            roomForOneMore.HistoryEventCount = 24998;

            Assert.Empty(Codes(justInWindow));
            Assert.Empty(Codes(firstDay));
            Assert.Empty(Codes(roomForOneMore));
        }

        [Fact]
        public void AWS_verdict_wins_over_the_local_rules_and_its_reason_is_passed_on()
        {
            var notRedrivable = FailedYesterday();
            notRedrivable.RedriveStatus = "NOT_REDRIVABLE";
            notRedrivable.RedriveStatusReason = "Execution history event limit exceeded";
            var redrivable = FailedYesterday();
            redrivable.RedriveStatus = "REDRIVABLE";
            redrivable.StopDate = Now.AddDays(-20); // a skewed local clock must not overrule AWS

            var unexplained = FailedYesterday();
            unexplained.RedriveStatus = "NOT_REDRIVABLE";
            unexplained.RedriveStatusReason = "Some reason AWS added later";

            var no = RedriveEligibility.Evaluate(notRedrivable, Now);

            // The reason AWS gives is named with the local code where one fits, and passed on either way.
            Assert.Equal(new[] { "HistoryTooLong" }, no.Reasons.Select(r => r.Code));
            Assert.Contains("Execution history event limit exceeded", no.Reasons[0].Message);
            var other = RedriveEligibility.Evaluate(unexplained, Now);
            Assert.Equal(new[] { "NotRedrivable" }, other.Reasons.Select(r => r.Code));
            Assert.Contains("Some reason AWS added later", other.Reasons[0].Message);
            Assert.True(RedriveEligibility.Evaluate(redrivable, Now).Eligible);
        }

        [Fact]
        public void A_changed_definition_is_SfnResume_s_own_rule_and_applies_even_when_AWS_would_redrive()
        {
            var facts = FailedYesterday();
            facts.RedriveStatus = "REDRIVABLE";
            facts.DefinitionUnchanged = false;

            Assert.Equal(new[] { "DefinitionChanged" }, Codes(facts));
        }
    }
}
