namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// Where each cmdlet's help page lives online (Get-Help -Online): its markdown source in the repository,
    /// the same text the build compiles to MAML. The base is the manifest's ProjectUri.
    /// </summary>
    internal static class HelpLinks
    {
        private const string Pages = "https://github.com/sfnresume/sfnresume/blob/main/docs/help/";

        public const string ConvertToSfnResumeReadyDefinition = Pages + "ConvertTo-SfnResumeReadyDefinition.md";
        public const string FindSfnExpressExecution = Pages + "Find-SfnExpressExecution.md";
        public const string GetSfnFailurePoint = Pages + "Get-SfnFailurePoint.md";
        public const string GetSfnGoToStateMachine = Pages + "Get-SfnGoToStateMachine.md";
        public const string GetSfnResumePolicy = Pages + "Get-SfnResumePolicy.md";
        public const string InvokeSfnRedrive = Pages + "Invoke-SfnRedrive.md";
        public const string NewSfnGoToStateMachine = Pages + "New-SfnGoToStateMachine.md";
        public const string RemoveSfnGoToStateMachine = Pages + "Remove-SfnGoToStateMachine.md";
        public const string SaveSfnExecutionHistory = Pages + "Save-SfnExecutionHistory.md";
        public const string StartSfnGoToExecution = Pages + "Start-SfnGoToExecution.md";
        public const string TestSfnRedrive = Pages + "Test-SfnRedrive.md";
        public const string TestSfnResumeReadyDefinition = Pages + "Test-SfnResumeReadyDefinition.md";
    }
}
