namespace SfnResume.History
{
    /// <summary>The members of <see cref="Aws.Model.HistoryEventDetails"/> a saved history's scan tells apart.</summary>
    internal enum DetailsMemberKind : byte
    {
        /// <summary>A member the model does not name, kept in OtherMembers (inputDetails, roleArn, ...).</summary>
        Other,
        Name,
        Input,
        Output,
        Error,
        Cause,
        Resource,
        ResourceType,
        Parameters,
        State,
        Location,
        Index,
        Length,
        MapRunArn,
        RedriveCount,
        AssignedVariables,
    }
}
