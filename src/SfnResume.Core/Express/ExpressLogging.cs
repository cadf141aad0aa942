using System.Linq;
using SfnResume.Aws.Model;

namespace SfnResume.Express
{
    /// <summary>What a state machine's logging configuration allows SfnResume to read of its Express executions.</summary>
    public static class ExpressLogging
    {
        /// <summary>
        /// The name of the log group the machine logs to. Failure points need level ALL (every event); finding the
        /// failed executions needs any level but OFF, since ERROR and FATAL log the execution's failure event too.
        /// </summary>
        /// <exception cref="ExpressLogsException">Logging off, no log group, or (with <paramref name="needAll"/>) a level below ALL.</exception>
        public static string LogGroupOf(DescribeStateMachineResponse machine, bool needAll)
        {
            var logging = machine.LoggingConfiguration;
            var level = logging?.Level ?? "OFF";
            var groupArn = logging?.Destinations?.Select(d => d.CloudWatchLogsLogGroup?.LogGroupArn).FirstOrDefault(a => a != null);
            var enable = $"Turn on the logging of '{machine.StateMachineArn}' at level ALL with execution data and a log group destination (UpdateStateMachine's loggingConfiguration) for executions to come; those that ran before left no record to resume from.";
            if (level == "OFF" || groupArn == null)
            {
                throw new ExpressLogsException(ExpressLogsException.LoggingOff,
                    $"'{machine.Name}' does not log its executions (level {level}{(groupArn == null ? ", no log group" : string.Empty)}): an Express execution is recorded nowhere else.", enable);
            }

            if (needAll && level != "ALL")
            {
                throw new ExpressLogsException(ExpressLogsException.LogLevelTooLow,
                    $"'{machine.Name}' logs at level {level}: Step Functions then logs only failure events, not the states that ran and their inputs.", enable);
            }

            return LogGroupArns.NameOf(groupArn) ?? throw new ExpressLogsException(ExpressLogsException.LoggingOff,
                $"'{machine.Name}' logs to '{groupArn}', which is not a CloudWatch Logs log group ARN.", enable);
        }
    }
}
