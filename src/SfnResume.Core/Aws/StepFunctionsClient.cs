using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using SfnResume.Aws.Model;
using SfnResume.Aws.Pacing;
using SfnResume.Aws.Transport;

namespace SfnResume.Aws
{
    /// <summary>
    /// A small Step Functions client on AWSSDK.Core: typed requests in, typed responses out, with the SDK
    /// doing credentials, endpoint, SigV4 signing and retries. Create one with <see cref="AwsConnection.CreateClient()"/>.
    /// Every call waits for its API's token from the account's <see cref="RequestPacer"/> first.
    /// </summary>
    public sealed class StepFunctionsClient : IStepFunctionsClient, IDisposable
    {
        private readonly StepFunctionsServiceClient serviceClient;
        private readonly RequestPacer? pacer;

        internal StepFunctionsClient(AWSCredentials? credentials, StepFunctionsClientConfig config, RequestPacer? pacer)
        {
            serviceClient = new StepFunctionsServiceClient(credentials, config);
            this.pacer = pacer;
        }

        /// <inheritdoc />
        public Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default)
            => SendAsync<ListExecutionsRequest, ListExecutionsResponse>("ListExecutions", request, cancellationToken);

        /// <inheritdoc />
        public Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default)
            => SendAsync<DescribeExecutionRequest, DescribeExecutionResponse>("DescribeExecution", request, cancellationToken);

        /// <inheritdoc />
        public Task<GetExecutionHistoryResponse> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default)
            => SendAsync<GetExecutionHistoryRequest, GetExecutionHistoryResponse>("GetExecutionHistory", request, cancellationToken);

        /// <inheritdoc />
        public Task<DescribeStateMachineResponse> DescribeStateMachineAsync(DescribeStateMachineRequest request, CancellationToken cancellationToken = default)
            => SendAsync<DescribeStateMachineRequest, DescribeStateMachineResponse>("DescribeStateMachine", request, cancellationToken);

        /// <inheritdoc />
        public Task<DescribeStateMachineForExecutionResponse> DescribeStateMachineForExecutionAsync(DescribeStateMachineForExecutionRequest request, CancellationToken cancellationToken = default)
            => SendAsync<DescribeStateMachineForExecutionRequest, DescribeStateMachineForExecutionResponse>("DescribeStateMachineForExecution", request, cancellationToken);

        /// <inheritdoc />
        public Task<CreateStateMachineResponse> CreateStateMachineAsync(CreateStateMachineRequest request, CancellationToken cancellationToken = default)
            => SendAsync<CreateStateMachineRequest, CreateStateMachineResponse>("CreateStateMachine", request, cancellationToken);

        /// <inheritdoc />
        public Task<UpdateStateMachineResponse> UpdateStateMachineAsync(UpdateStateMachineRequest request, CancellationToken cancellationToken = default)
            => SendAsync<UpdateStateMachineRequest, UpdateStateMachineResponse>("UpdateStateMachine", request, cancellationToken);

        /// <inheritdoc />
        public Task<ListStateMachinesResponse> ListStateMachinesAsync(ListStateMachinesRequest request, CancellationToken cancellationToken = default)
            => SendAsync<ListStateMachinesRequest, ListStateMachinesResponse>("ListStateMachines", request, cancellationToken);

        /// <inheritdoc />
        public Task<DeleteStateMachineResponse> DeleteStateMachineAsync(DeleteStateMachineRequest request, CancellationToken cancellationToken = default)
            => SendAsync<DeleteStateMachineRequest, DeleteStateMachineResponse>("DeleteStateMachine", request, cancellationToken);

        /// <inheritdoc />
        public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken cancellationToken = default)
            => SendAsync<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", request, cancellationToken);

        /// <inheritdoc />
        public Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default)
            => SendAsync<StartExecutionRequest, StartExecutionResponse>("StartExecution", request, cancellationToken);

        /// <inheritdoc />
        public Task<RedriveExecutionResponse> RedriveExecutionAsync(RedriveExecutionRequest request, CancellationToken cancellationToken = default)
            => SendAsync<RedriveExecutionRequest, RedriveExecutionResponse>("RedriveExecution", request, cancellationToken);

        /// <inheritdoc />
        public Task<DescribeMapRunResponse> DescribeMapRunAsync(DescribeMapRunRequest request, CancellationToken cancellationToken = default)
            => SendAsync<DescribeMapRunRequest, DescribeMapRunResponse>("DescribeMapRun", request, cancellationToken);

        /// <inheritdoc />
        public Task<TestStateResponse> TestStateAsync(TestStateRequest request, CancellationToken cancellationToken = default)
            => SendAsync<TestStateRequest, TestStateResponse>("TestState", request, cancellationToken);

        public void Dispose()
        {
            serviceClient.Dispose();
        }

        private Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
            where TResponse : new()
            => PacedJsonCall.SendAsync<TRequest, TResponse>(operation, request, pacer, serviceClient.SendAsync, cancellationToken);
    }
}
