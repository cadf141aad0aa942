using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Model;
using SfnResume.Redrive;
using Xunit;

namespace SfnResume.Tests.Redrive
{
    /// <summary>The canary gate alone: who is a canary, who waits, and what the others get when a canary ends.</summary>
    public sealed class CanaryGateTests
    {
        private const string Orders = "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders";

        private static RedrivePlanItem Item(string name, string machine = Orders)
        {
            var arn = machine.Replace(":stateMachine:", ":execution:") + ":" + name;
            return new RedrivePlanItem(new RedriveTarget(arn)) { Execution = new DescribeExecutionResponse { ExecutionArn = arn, StateMachineArn = machine }, Method = RedriveMethod.Redrive };
        }

        private static RedriveResult Ended(RedrivePlanItem item, string status) => new RedriveResult { ExecutionArn = item.ExecutionArn, Status = status };

        [Fact]
        public async Task Canaries_are_the_first_to_arrive_whatever_order_their_plans_finish_in()
        {
            var gate = new CanaryGate(1, preview: false);
            var first = Item("first");
            var second = Item("second");

            // The second execution's plan is made first: it waits until the first one's is made.
            var secondTicket = gate.EnterAsync(1, second, resumable: true, CancellationToken.None);
            Assert.False(secondTicket.IsCompleted);
            var firstTicket = await gate.EnterAsync(0, first, resumable: true, CancellationToken.None);

            Assert.Equal(ResumeRole.Canary, firstTicket.Role);
            Assert.False(secondTicket.IsCompleted);
            gate.End(first, Ended(first, "SUCCEEDED"), null);
            var after = await secondTicket;
            Assert.Equal(ResumeRole.AfterCanary, after.Role);
            Assert.Null(after.Withheld);
        }

        [Fact]
        public async Task Executions_with_nothing_to_resume_are_never_canaries()
        {
            var gate = new CanaryGate(1, preview: false);
            var skipped = Item("skipped");
            var next = Item("next");

            var skippedTicket = await gate.EnterAsync(0, skipped, resumable: false, CancellationToken.None);
            var nextTicket = await gate.EnterAsync(1, next, resumable: true, CancellationToken.None);

            Assert.Equal(ResumeRole.Ordinary, skippedTicket.Role);
            Assert.Equal(ResumeRole.Canary, nextTicket.Role);
        }

        [Fact]
        public async Task A_canary_that_fails_again_withholds_the_waiting_executions_and_those_still_to_come_of_its_machine_only()
        {
            var gate = new CanaryGate(1, preview: false);
            var canary = Item("canary");
            var waiting = Item("waiting");
            var otherMachine = Item("other", Orders.Replace("Orders", "Billing"));
            var late = Item("late");

            await gate.EnterAsync(0, canary, true, CancellationToken.None);
            var waitingTicket = gate.EnterAsync(1, waiting, true, CancellationToken.None);
            var otherTicket = await gate.EnterAsync(2, otherMachine, true, CancellationToken.None);
            gate.End(canary, Ended(canary, "FAILED"), null);
            var lateTicket = await gate.EnterAsync(3, late, true, CancellationToken.None);

            var verdict = (await waitingTicket).Withheld;
            Assert.NotNull(verdict);
            Assert.Equal(canary.ExecutionArn, verdict!.CanaryExecutionArn);
            Assert.Equal("FAILED", verdict.CanaryResult!.Status);
            Assert.Equal(Orders, verdict.StateMachineArn);
            Assert.Same(verdict, lateTicket.Withheld);
            Assert.Equal(ResumeRole.Canary, otherTicket.Role);
        }

        [Fact]
        public async Task The_held_executions_go_on_only_when_every_canary_succeeded()
        {
            var gate = new CanaryGate(2, preview: false);
            var one = Item("one");
            var two = Item("two");
            var held = Item("held");

            await gate.EnterAsync(0, one, true, CancellationToken.None);
            await gate.EnterAsync(1, two, true, CancellationToken.None);
            var heldTicket = gate.EnterAsync(2, held, true, CancellationToken.None);
            gate.End(one, Ended(one, "SUCCEEDED"), null);

            Assert.False(heldTicket.IsCompleted);
            Assert.True(gate.Waiting);
            gate.End(two, Ended(two, "SUCCEEDED"), null);
            Assert.Equal(ResumeRole.AfterCanary, (await heldTicket).Role);
            Assert.False(gate.Waiting);
        }

        [Fact]
        public async Task A_canary_declined_at_its_prompt_gives_its_place_to_the_next_held_execution()
        {
            var gate = new CanaryGate(1, preview: false);
            var declined = Item("declined");
            var next = Item("next");
            var last = Item("last");

            await gate.EnterAsync(0, declined, true, CancellationToken.None);
            var nextTicket = gate.EnterAsync(1, next, true, CancellationToken.None);
            var lastTicket = gate.EnterAsync(2, last, true, CancellationToken.None);
            gate.Release(declined);

            Assert.Equal(ResumeRole.Canary, (await nextTicket).Role);
            Assert.False(lastTicket.IsCompleted);
            gate.End(next, Ended(next, "SUCCEEDED"), null);
            Assert.Equal(ResumeRole.AfterCanary, (await lastTicket).Role);
        }

        [Fact]
        public async Task Until_a_machine_has_all_its_canaries_each_new_execution_of_it_is_one_even_after_the_first_ended()
        {
            var gate = new CanaryGate(3, preview: false);
            var only = Item("only");

            await gate.EnterAsync(0, only, true, CancellationToken.None);
            gate.End(only, Ended(only, "SUCCEEDED"), null);
            var second = await gate.EnterAsync(1, Item("second"), true, CancellationToken.None);
            gate.InputEnded(2);

            Assert.Equal(ResumeRole.Canary, second.Role);
        }

        [Fact]
        public async Task In_a_preview_the_roles_are_given_and_nothing_is_held()
        {
            var gate = new CanaryGate(1, preview: true);

            var canary = await gate.EnterAsync(0, Item("a"), true, CancellationToken.None);
            var after = await gate.EnterAsync(1, Item("b"), true, CancellationToken.None);

            Assert.Equal(ResumeRole.Canary, canary.Role);
            Assert.Equal(ResumeRole.AfterCanary, after.Role);
            Assert.False(gate.Waiting);
        }

        [Fact]
        public async Task A_held_execution_stops_waiting_when_the_batch_is_cancelled()
        {
            var gate = new CanaryGate(1, preview: false);
            using var stop = new CancellationTokenSource();
            await gate.EnterAsync(0, Item("canary"), true, stop.Token);
            var held = gate.EnterAsync(1, Item("held"), true, stop.Token);

            stop.Cancel();

            await Assert.ThrowsAnyAsync<System.OperationCanceledException>(() => held);
        }
    }
}
