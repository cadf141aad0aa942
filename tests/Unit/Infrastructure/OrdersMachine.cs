using System.Collections.Generic;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>A small state machine (Prepare → Charge → Done) and the history of a run that failed at Charge.</summary>
    public static class OrdersMachine
    {
        public const string Definition = @"{ ""StartAt"": ""Prepare"", ""States"": {
            ""Prepare"": { ""Type"": ""Pass"", ""Next"": ""Charge"" },
            ""Charge"": { ""Type"": ""Task"", ""Resource"": ""arn:aws:states:::lambda:invoke"", ""Next"": ""Done"" },
            ""Done"": { ""Type"": ""Succeed"" } } }";

        /// <summary>The input Charge was given in <see cref="FailedAtCharge"/>.</summary>
        public const string RecordedInput = "{\"order\":42,\"items\":[1,2]}";

        /// <summary>Started, Prepare, Charge fails (a Lambda error), ExecutionFailed.</summary>
        public static IReadOnlyList<string> FailedAtCharge()
        {
            var history = new HistoryBuilder();
            var started = history.Started(RecordedInput);
            var prepared = history.Pass("Prepare", RecordedInput, started);
            var failed = history.FailingTask("Charge", RecordedInput, prepared, "Lambda.ServiceException");
            history.Failed(failed, "Lambda.ServiceException", "boom");
            return history.Events;
        }

        /// <summary>What a redrive that fails at Charge again appends to the history.</summary>
        public static IReadOnlyList<string> FailsAgainAtCharge()
        {
            var history = new HistoryBuilder();
            var entered = history.Entered("Task", "Charge", RecordedInput, 0);
            var failed = history.Add("TaskFailed", entered, "taskFailedEventDetails", new Dictionary<string, object?> { ["resourceType"] = "lambda", ["resource"] = "invoke", ["error"] = "Lambda.TooManyRequestsException", ["cause"] = "still broken" });
            history.Failed(failed, "Lambda.TooManyRequestsException", "still broken");
            return history.Events;
        }
    }
}
