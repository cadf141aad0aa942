using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws.Model;

namespace SfnResume.Aws
{
    /// <summary>
    /// The Step Functions operations SfnResume uses. Every call may throw <see cref="StepFunctionsException"/>
    /// (an AWS error, after the SDK's retries) or <see cref="System.OperationCanceledException"/>.
    /// </summary>
    public interface IStepFunctionsClient
    {
        /// <summary>Lists one page of executions.</summary>
        Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default);

        /// <summary>Describes an execution, including its redrive status.</summary>
        Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default);

        /// <summary>Reads one page of an execution's history.</summary>
        Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default);

        /// <summary>Describes a state machine or one of its versions.</summary>
        Task<DescribeStateMachineResponse> DescribeStateMachineAsync(DescribeStateMachineRequest request, CancellationToken cancellationToken = default);

        /// <summary>Reads the definition an execution actually ran.</summary>
        Task<DescribeStateMachineForExecutionResponse> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionRequest request, CancellationToken cancellationToken = default);

        /// <summary>Creates a state machine.</summary>
        Task<CreateStateMachineResponse> CreateStateMachineAsync(CreateStateMachineRequest request, CancellationToken cancellationToken = default);

        /// <summary>Updates a state machine's definition or settings.</summary>
        Task<UpdateStateMachineResponse> UpdateStateMachineAsync(UpdateStateMachineRequest request, CancellationToken cancellationToken = default);

        /// <summary>Lists one page of state machines.</summary>
        Task<ListStateMachinesResponse> ListStateMachinesAsync(ListStateMachinesRequest request, CancellationToken cancellationToken = default);

        /// <summary>
        /// Deletes a state machine, with its versions and aliases. Asynchronous on AWS's side: the machine is
        /// DELETING until its executions have ended, and its running executions are stopped at their next state
        /// transition.
        /// </summary>
        Task<DeleteStateMachineResponse> DeleteStateMachineAsync(DeleteStateMachineRequest request, CancellationToken cancellationToken = default);

        /// <summary>Lists a resource's tags.</summary>
        Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken cancellationToken = default);

        /// <summary>Starts an execution.</summary>
        Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default);

        /// <summary>Redrives a failed, timed-out or aborted Standard execution.</summary>
        Task<RedriveExecutionResponse> RedriveExecutionAsync(RedriveExecutionRequest request, CancellationToken cancellationToken = default);

        /// <summary>Describes a Distributed Map run.</summary>
        Task<DescribeMapRunResponse> DescribeMapRunAsync(DescribeMapRunRequest request, CancellationToken cancellationToken = default);

        /// <summary>Runs one state of a definition on an input; with a mock, nothing the state names is invoked.</summary>
        Task<TestStateResponse> TestStateAsync(TestStateRequest request, CancellationToken cancellationToken = default);
    }
}
