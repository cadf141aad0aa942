using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Redrive
{
    /// <summary>
    /// A batch that asks an operator asks about the executions in the order they came, however their plans race:
    /// the first execution's plan is held at the loopback until the others were asked about (or a few seconds
    /// passed, which only happens when they wait for it, as they should).
    /// </summary>
    public sealed class AskingOrderTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private static readonly TimeSpan LongEnoughToBeAskedFirst = TimeSpan.FromSeconds(3);

        private readonly RedriveServer server = new RedriveServer();
        private readonly CollectingListener listener = new CollectingListener();
        private readonly LoopbackEndpoint endpoint;
        private readonly StepFunctionsClient client;
        private string slow = string.Empty;

        public AskingOrderTests()
        {
            server.AddMachine("Orders", OrdersMachine.Definition, Now.AddDays(-400));
            endpoint = new LoopbackEndpoint(request =>
            {
                if (request.Operation == "DescribeExecution" && request.Body.Contains(slow, StringComparison.Ordinal))
                {
                    SpinWait.SpinUntil(() => listener.Approvals.Count >= 2, LongEnoughToBeAskedFirst);
                }

                return server.Handle(request);
            });
            client = TestClients.For(endpoint.Url, maxErrorRetry: 0);
        }

        public void Dispose()
        {
            client.Dispose();
            endpoint.Dispose();
        }

        private string Failed(string name) => server.AddExecution("Orders", name, Now.AddHours(-2), Now.AddHours(-1), OrdersMachine.FailedAtCharge());

        private Task Run(bool askInInputOrder, params string[] arns)
            => new RedriveBatch(client, new RedriveBatchOptions { Method = RedriveMethod.Redrive, Resume = true, ThrottleLimit = 4, AskInInputOrder = askInInputOrder }, new TransientRetry(), listener)
                .RunAsync(arns.Select(a => new RedriveTarget(a)), CancellationToken.None);

        [Fact]
        public async Task Asking_an_operator_the_first_execution_piped_in_is_asked_about_first_though_its_plan_finished_last()
        {
            var arns = new[] { slow = Failed("first"), Failed("second"), Failed("third") };

            await Run(askInInputOrder: true, arns);

            Assert.Equal(arns, listener.Approvals.Select(a => a.Item.ExecutionArn));
            Assert.All(arns, a => Assert.Equal(1, server.Redrives[a]));
        }

        [Fact]
        public async Task Without_prompts_no_execution_waits_for_an_earlier_plan()
        {
            // -Force: the others are approved (and redriven) while the first is still being planned.
            var arns = new[] { slow = Failed("first"), Failed("second"), Failed("third") };

            await Run(askInInputOrder: false, arns);

            Assert.Equal(arns[0], listener.Approvals.Last().Item.ExecutionArn);
            Assert.All(arns, a => Assert.Equal(1, server.Redrives[a]));
        }

        [Fact]
        public async Task An_execution_that_is_not_asked_about_does_not_hold_up_the_ones_after_it()
        {
            var succeeded = server.AddExecution("Orders", "fine", Now.AddHours(-2), Now.AddHours(-1), OrdersMachine.FailedAtCharge(), status: "SUCCEEDED");
            var arns = new[] { succeeded, slow = Failed("first"), Failed("second"), Failed("third") };

            await Run(askInInputOrder: true, arns);

            Assert.Equal(arns.Skip(1), listener.Approvals.Select(a => a.Item.ExecutionArn));
            Assert.Equal(RedriveAnswerKind.Planned, Assert.Single(listener.Answers, a => a.ExecutionArn == succeeded).Kind);
        }
    }
}
