namespace SfnResume.Aws.Model
{
    /// <summary>The DeleteStateMachine response: the API model gives it no members.</summary>
    public sealed class DeleteStateMachineResponse
    {
    }
}
