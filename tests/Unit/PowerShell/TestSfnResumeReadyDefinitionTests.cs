using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.ResumeReady;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>Test-SfnResumeReadyDefinition against a deployed state machine, as a pipeline's step after a deployment runs it.</summary>
    public sealed class TestSfnResumeReadyDefinitionTests : IDisposable
    {
        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();

        public TestSfnResumeReadyDefinitionTests()
        {
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private PowerShellResult Check(string machine) => session.Run(
            "Test-SfnResumeReadyDefinition -StateMachineArn $arn -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret",
            new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn(machine), ["endpoint"] = endpoint.Url });

        [Fact]
        public void A_machine_deployed_with_the_resume_ready_form_passes_and_one_deployed_as_written_fails_with_what_to_do()
        {
            server.AddMachine("Ready", ResumeReadyDefinitions.Make(OrdersMachine.Definition), DateTime.UtcNow.AddDays(-1));
            server.AddMachine("Plain", OrdersMachine.Definition, DateTime.UtcNow.AddDays(-1));

            var ready = Check("Ready");
            var plain = Check("Plain");

            Assert.Empty(ready.Errors);
            Assert.Equal("Current", ready.Output.Single().Properties["Status"].Value);
            Assert.Equal(true, ready.Output.Single().Properties["Passed"].Value);
            var error = Assert.Single(plain.Errors);
            Assert.StartsWith("ResumeReadyNotResumeReady,", error.FullyQualifiedErrorId);
            Assert.Equal(RedriveServer.MachineArn("Plain"), error.TargetObject);
            Assert.Contains("ConvertTo-SfnResumeReadyDefinition", error.ErrorDetails.RecommendedAction);
            Assert.Equal(2, endpoint.Count("DescribeStateMachine"));
            Assert.Equal(2, endpoint.Requests.Count);
        }
    }
}
