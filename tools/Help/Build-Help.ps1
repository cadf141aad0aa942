#Requires -Version 7.2
<#
.SYNOPSIS
    Compiles SfnResume's help: docs/help/*.md to MAML, with every structural field read from the cmdlets.
.DESCRIPTION
    The words come from one markdown file per cmdlet (synopsis, description, examples, parameter texts, inputs,
    outputs, notes, links) and from docs/help/SharedParameters.md, written once for the parameters several cmdlets share (the AWS
    common parameters, -WhatIf, -Confirm). Everything that could drift from the code comes from the cmdlet metadata
    of the staged module: the SYNTAX of every parameter set, each parameter's type, aliases, position,
    required flag, pipeline input, wildcard support and default value (read from a new instance of the
    cmdlet class). The markdown's own SYNTAX section is rewritten from the same metadata, so the pages
    online show it too.

    It fails, naming the file, when a cmdlet has no markdown, a parameter no text, or the markdown a
    parameter the cmdlet lacks. platyPS does this job elsewhere; it is not in the package registry here.

    Run by the SfnResume.PowerShell build in a pwsh of its own (the module's DLL is loaded to read it).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $Destination
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters |
    Where-Object { $_ -notin 'WhatIf', 'Confirm' }

# --- markdown -------------------------------------------------------------------------------------------

# A help page: '## SECTION' headings; under EXAMPLES, PARAMETERS, INPUTS and OUTPUTS, '### item' headings.
function Read-HelpMarkdown {
    param([string] $Path)
    $page = [ordered]@{ Name = $null; Sections = [ordered]@{} }
    $section = $null
    $item = $null
    foreach ($line in [IO.File]::ReadAllLines($Path)) {
        if ($line -match '^# (.+)$' -and -not $page.Name) { $page.Name = $Matches[1].Trim(); continue }
        if ($line -match '^## (.+)$') {
            $section = $Matches[1].Trim()
            $page.Sections[$section] = [ordered]@{ Text = [Collections.Generic.List[string]]::new(); Items = [ordered]@{} }
            $item = $null
            continue
        }
        if ($line -match '^### (.+)$' -and $section) {
            $item = $Matches[1].Trim()
            $page.Sections[$section].Items[$item] = [Collections.Generic.List[string]]::new()
            continue
        }
        if (-not $section) { continue }
        if ($item) { $page.Sections[$section].Items[$item].Add($line) } else { $page.Sections[$section].Text.Add($line) }
    }
    return $page
}

# Paragraphs of plain text: blank lines separate them, lines within one are joined.
function Split-Paragraph {
    param([string[]] $Lines)
    $paragraphs = [Collections.Generic.List[string]]::new()
    $current = [Collections.Generic.List[string]]::new()
    foreach ($line in @($Lines) + '') {
        if ($line.Trim() -eq '') {
            if ($current.Count) { $paragraphs.Add(($current -join ' ').Trim()); $current.Clear() }
        }
        else { $current.Add($line.Trim()) }
    }
    return , $paragraphs.ToArray()
}

# An example: an optional lead paragraph, one ```powershell block (the code), then remarks.
function Split-Example {
    param([string[]] $Lines, [string] $Where)
    $code = [Collections.Generic.List[string]]::new()
    $remarks = [Collections.Generic.List[string]]::new()
    $inCode = $false
    $seenCode = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') {
            if ($inCode) { $inCode = $false; $seenCode = $true } elseif (-not $seenCode) { $inCode = $true }
            continue
        }
        if ($inCode) { $code.Add($line) } elseif ($seenCode) { $remarks.Add($line) }
    }
    if (-not $seenCode) { throw "${Where}: an example needs a ```powershell code block." }
    return [pscustomobject]@{ Code = ($code -join "`n").Trim(); Remarks = Split-Paragraph $remarks }
}

# --- metadata -------------------------------------------------------------------------------------------

# Each parameter set as Get-Command -Syntax shows it: the parameter names in its order, with the value text.
function Get-SyntaxItem {
    param([System.Management.Automation.CommandInfo] $Command)
    foreach ($set in $Command.ParameterSets) {
        $text = $set.ToString()
        $parameters = foreach ($match in [regex]::Matches($text, '-(?<name>\w+)\]?(?: (?<value><[^>]*>|\{[^}]*\}))?')) {
            $name = $match.Groups['name'].Value
            if ($name -eq 'CommonParameters') { continue }
            [pscustomobject]@{
                Name = $name
                Value = $match.Groups['value'].Value
                Metadata = $set.Parameters | Where-Object Name -eq $name
            }
        }
        [pscustomobject]@{ Name = $set.Name; Text = "$($Command.Name) $text"; Parameters = @($parameters) }
    }
}

# How a user recognises parameter sets: the other parameters each requires ("-FailurePoint"), leaving out a
# form that only adds to another one listed ("-FailurePoint and -DefinitionPath").
function Get-SetForm {
    param([System.Management.Automation.CommandParameterSetInfo[]] $Sets, [string] $Except)
    $forms = @($Sets | ForEach-Object { , @($_.Parameters | Where-Object { $_.IsMandatory -and $_.Name -ne $Except } | ForEach-Object Name) })
    $kept = @($forms | Where-Object { $form = $_; -not ($forms | Where-Object { $_.Count -lt $form.Count -and -not ($_ | Where-Object { $form -notcontains $_ }) }) })
    @($kept | ForEach-Object { if ($_.Count -eq 0) { 'no other parameter' } else { ($_ | ForEach-Object { "-$_" }) -join ' and ' } }) | Select-Object -Unique
}

# "a", "a or b", "a, b or c"
function Join-Or {
    param([string[]] $Items)
    if ($Items.Count -le 1) { return [string]$Items }
    return (($Items[0..($Items.Count - 2)]) -join ', ') + ' or ' + $Items[-1]
}

function Get-PipelineInput {
    param($Metadata)
    $how = @(if ($Metadata.ValueFromPipeline) { 'ByValue' }; if ($Metadata.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    if ($how.Count -eq 0) { return 'False' }
    return "True ($($how -join ', '))"
}

function Get-Position {
    param($Metadata)
    if ($Metadata.Position -lt 0) { return 'named' }
    return [string]$Metadata.Position
}

# A parameter's fields over all the sets it is in: one value when the sets agree, else each set's own.
function Get-ParameterField {
    param([System.Management.Automation.CommandInfo] $Command, [string] $Name, [scriptblock] $Field)
    $values = foreach ($set in $Command.ParameterSets) {
        $metadata = $set.Parameters | Where-Object Name -eq $Name
        if ($metadata) { [pscustomobject]@{ Set = $set; Value = [string](& $Field $metadata) } }
    }
    $distinct = @($values.Value | Select-Object -Unique)
    if ($distinct.Count -eq 1) { return $distinct[0] }
    # Each value with the parameters that go with it, never a parameter set's name: "0 (with no other parameter); named (with -FailurePoint)".
    return ($distinct | ForEach-Object {
            $value = $_
            "$value (with $(Join-Or (Get-SetForm @($values | Where-Object Value -eq $value | ForEach-Object Set) $Name)))"
        }) -join '; '
}

function Get-DefaultValue {
    param($Instance, [System.Management.Automation.ParameterMetadata] $Parameter)
    if (-not $Instance) { return 'None' }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if (-not $property) { return 'None' }
    $value = $property.GetValue($Instance)
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    return [string]$value
}

# --- MAML -----------------------------------------------------------------------------------------------

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Write-ParameterValue {
    param([System.Xml.XmlWriter] $Writer, [string] $Value, [System.Management.Automation.ParameterMetadata] $Parameter)
    if ($Value -match '^\{(.*)\}$') {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $command)
        foreach ($choice in $Matches[1] -split '\s*\|\s*') {
            $Writer.WriteStartElement('command', 'parameterValue', $command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($choice)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    elseif ($Value -match '^<(.*)>$') {
        $Writer.WriteStartElement('command', 'parameterValue', $command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', [string]($Parameter.ParameterType.IsArray).ToString().ToLowerInvariant())
        $Writer.WriteString($Matches[1])
        $Writer.WriteEndElement()
    }
}

function Write-CommandHelp {
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CmdletInfo] $Cmdlet, $Page, $Common, [string] $File)

    $sections = $Page.Sections
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'OUTPUTS') {
        if (-not $sections.Contains($required)) { throw "${File}: no '## $required' section." }
    }
    $syntax = @(Get-SyntaxItem $Cmdlet)
    $parameters = @($Cmdlet.Parameters.Values | Where-Object Name -notin $commonParameters)
    $texts = [ordered]@{}
    foreach ($name in $Common.Sections['PARAMETERS'].Items.Keys) { $texts[$name] = $Common.Sections['PARAMETERS'].Items[$name] }
    foreach ($name in $sections['PARAMETERS'].Items.Keys) {
        if ($name.TrimStart('-') -notin $parameters.Name) { throw "${File}: '### $name' documents a parameter $($Cmdlet.Name) does not have." }
        $texts[$name] = $sections['PARAMETERS'].Items[$name]
    }
    $instance = try { [Activator]::CreateInstance($Cmdlet.ImplementingType) } catch { $null }

    $Writer.WriteStartElement('command', 'command', $command)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $dev)

    $Writer.WriteStartElement('command', 'details', $command)
    $Writer.WriteElementString('command', 'name', $command, $Cmdlet.Name)
    $Writer.WriteElementString('command', 'verb', $command, $Cmdlet.Verb)
    $Writer.WriteElementString('command', 'noun', $command, $Cmdlet.Noun)
    Write-Paragraphs $Writer (Split-Paragraph $sections['SYNOPSIS'].Text)
    $Writer.WriteEndElement()

    Write-Paragraphs $Writer (Split-Paragraph $sections['DESCRIPTION'].Text)

    $Writer.WriteStartElement('command', 'syntax', $command)
    foreach ($item in $syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $command)
        $Writer.WriteElementString('maml', 'name', $maml, $Cmdlet.Name)
        foreach ($parameter in $item.Parameters) {
            $metadata = $parameter.Metadata
            $Writer.WriteStartElement('command', 'parameter', $command)
            $Writer.WriteAttributeString('required', ([string]$metadata.IsMandatory).ToLowerInvariant())
            $Writer.WriteAttributeString('position', (Get-Position $metadata))
            $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $metadata))
            $Writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
            Write-ParameterValue $Writer $parameter.Value $Cmdlet.Parameters[$parameter.Name]
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $command)
    foreach ($parameter in $parameters | Sort-Object { $syntax[0].Parameters.Name.IndexOf($_.Name) -lt 0 }, { @($syntax.Parameters.Name).IndexOf($_.Name) }) {
        $key = "-$($parameter.Name)"
        if (-not $texts.Contains($key)) { throw "${File}: no '### $key' text for a parameter of $($Cmdlet.Name)." }
        $value = @($syntax.Parameters | Where-Object Name -eq $parameter.Name)[0].Value
        $Writer.WriteStartElement('command', 'parameter', $command)
        # Get-Help reads 'required' as a boolean: mandatory in only some sets is 'false', and the text says where.
        $mandatoryIn = @($Cmdlet.ParameterSets | Where-Object { $_.Parameters | Where-Object { $_.Name -eq $parameter.Name -and $_.IsMandatory } } | ForEach-Object Name)
        $setsWith = @($Cmdlet.ParameterSets | Where-Object { $_.Parameters.Name -contains $parameter.Name })
        $paragraphs = @(Split-Paragraph $texts[$key])
        if ($mandatoryIn.Count -gt 0 -and $mandatoryIn.Count -lt $setsWith.Count) {
            # Said by the parameters a user types, never by parameter set names, which no user sees.
            $required = Get-SetForm @($setsWith | Where-Object { $mandatoryIn -contains $_.Name }) $parameter.Name
            $optional = Get-SetForm @($setsWith | Where-Object { $mandatoryIn -notcontains $_.Name }) $parameter.Name
            $paragraphs += "Required with $(Join-Or $required); optional with $(Join-Or $optional)."
        }
        $Writer.WriteAttributeString('required', ([string]($mandatoryIn.Count -eq $setsWith.Count)).ToLowerInvariant())
        $Writer.WriteAttributeString('position', (Get-ParameterField $Cmdlet $parameter.Name { param($m) Get-Position $m }))
        $Writer.WriteAttributeString('pipelineInput', (Get-ParameterField $Cmdlet $parameter.Name { param($m) Get-PipelineInput $m }))
        $Writer.WriteAttributeString('globbing', ([string]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] } | Select-Object -First 1 | ForEach-Object { $true }) -eq 'True').ToString().ToLowerInvariant())
        $aliases = @($parameter.Aliases)
        $Writer.WriteAttributeString('aliases', $(if ($aliases.Count) { $aliases -join ', ' } else { 'none' }))
        $Writer.WriteAttributeString('variableLength', ([string]$parameter.ParameterType.IsArray).ToLowerInvariant())
        $Writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
        Write-Paragraphs $Writer $paragraphs
        Write-ParameterValue $Writer $value $parameter
        $Writer.WriteStartElement('dev', 'type', $dev)
        $Writer.WriteElementString('maml', 'name', $maml, $parameter.ParameterType.FullName)
        $Writer.WriteEndElement()
        $Writer.WriteElementString('dev', 'defaultValue', $dev, (Get-DefaultValue $instance $parameter))
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    foreach ($kind in @(@{ Section = 'INPUTS'; List = 'inputTypes'; Item = 'inputType' }, @{ Section = 'OUTPUTS'; List = 'returnValues'; Item = 'returnValue' })) {
        if (-not $sections.Contains($kind.Section)) { continue }
        $Writer.WriteStartElement('command', $kind.List, $command)
        foreach ($name in $sections[$kind.Section].Items.Keys) {
            $Writer.WriteStartElement('command', $kind.Item, $command)
            $Writer.WriteStartElement('dev', 'type', $dev)
            $Writer.WriteElementString('maml', 'name', $maml, $name)
            $Writer.WriteEndElement()
            Write-Paragraphs $Writer (Split-Paragraph $sections[$kind.Section].Items[$name])
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    if ($sections.Contains('NOTES')) {
        $Writer.WriteStartElement('maml', 'alertSet', $maml)
        $Writer.WriteStartElement('maml', 'alert', $maml)
        foreach ($paragraph in Split-Paragraph $sections['NOTES'].Text) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $command)
    $number = 0
    foreach ($title in $sections['EXAMPLES'].Items.Keys) {
        $number++
        $example = Split-Example $sections['EXAMPLES'].Items[$title] "${File}: example '$title'"
        $Writer.WriteStartElement('command', 'example', $command)
        # Dashes set the title apart from the remarks of the example before it, as PowerShell's own help does.
        $Writer.WriteElementString('maml', 'title', $maml, "--------- $title ---------")
        $Writer.WriteElementString('dev', 'code', $dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $dev)
        foreach ($paragraph in $example.Remarks) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
        # An empty paragraph ends the remarks with a blank line before the next example.
        $Writer.WriteElementString('maml', 'para', $maml, '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    if ($number -eq 0) { throw "${File}: no example under '## EXAMPLES'." }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $command)
    $Writer.WriteStartElement('maml', 'navigationLink', $maml)
    $Writer.WriteElementString('maml', 'linkText', $maml, 'Online Version:')
    $Writer.WriteElementString('maml', 'uri', $maml, $Cmdlet.HelpUri)
    $Writer.WriteEndElement()
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($line in $sections['RELATED LINKS'].Text) {
            if ($line -match '^\s*-\s*\[(?<text>[^\]]+)\]') {
                $Writer.WriteStartElement('maml', 'navigationLink', $maml)
                $Writer.WriteElementString('maml', 'linkText', $maml, $Matches['text'])
                $Writer.WriteElementString('maml', 'uri', $maml, '')
                $Writer.WriteEndElement()
            }
        }
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

# The markdown's SYNTAX section, written from the metadata so the pages online cannot drift either.
function Update-MarkdownSyntax {
    param([string] $Path, [System.Management.Automation.CmdletInfo] $Cmdlet)
    $syntax = @(Get-SyntaxItem $Cmdlet)
    $block = [Collections.Generic.List[string]]::new()
    foreach ($item in $syntax) {
        $block.Add("### $($item.Name)$(if ($item.Name -eq $Cmdlet.DefaultParameterSet) { ' (Default)' })")
        $block.Add('')
        $block.Add('```')
        $block.Add($item.Text)
        $block.Add('```')
        $block.Add('')
    }
    $text = [IO.File]::ReadAllText($Path)
    $updated = [regex]::Replace($text, '(?s)(?<=\n## SYNTAX\n\n).*?(?=## DESCRIPTION)', { param($m) ($block -join "`n") + "`n" })
    if ($updated -ne $text) {
        [IO.File]::WriteAllText($Path, $updated)
        Write-Host "Build-Help: updated the SYNTAX of $Path from the cmdlet"
    }
}

# --- main -----------------------------------------------------------------------------------------------

$module = Import-Module (Resolve-Path -LiteralPath $ModuleManifest).ProviderPath -PassThru -Force
$common = Read-HelpMarkdown (Join-Path $Source 'SharedParameters.md')
$cmdlets = Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name

New-Item -ItemType Directory -Force -Path $Destination | Out-Null
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$output = Join-Path $Destination "$($module.RootModule)-Help.xml"
$writer = [System.Xml.XmlWriter]::Create($output, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($cmdlet in $cmdlets) {
        $file = Join-Path $Source "$($cmdlet.Name).md"
        if (-not (Test-Path -LiteralPath $file)) { throw "No help source for $($cmdlet.Name): $file is missing." }
        Update-MarkdownSyntax $file $cmdlet
        $page = Read-HelpMarkdown $file
        if ($page.Name -ne $cmdlet.Name) { throw "${file}: its title is '$($page.Name)', not '$($cmdlet.Name)'." }
        Write-CommandHelp $writer $cmdlet $page $common $file
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}

Copy-Item -LiteralPath (Join-Path $Source 'about_SfnResume.help.txt') -Destination $Destination -Force
Write-Host "Build-Help: $($cmdlets.Count) cmdlets -> $output"
