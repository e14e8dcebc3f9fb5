using System.Collections.Generic;

namespace AnthropicModels;

/// <summary>One page of <c>GET /v1/models</c>, newest model first.</summary>
public sealed class ModelListPage
{
    internal ModelListPage(IReadOnlyList<ModelInfo> data, string? firstId, string? lastId, bool hasMore)
    {
        Data = data;
        FirstId = firstId;
        LastId = lastId;
        HasMore = hasMore;
    }

    /// <summary>The models of this page.</summary>
    public IReadOnlyList<ModelInfo> Data { get; }

    /// <summary>The id of the first model: the cursor for the previous page (<see cref="ModelListParams.BeforeId"/>).</summary>
    public string? FirstId { get; }

    /// <summary>The id of the last model: the cursor for the next page (<see cref="ModelListParams.AfterId"/>).</summary>
    public string? LastId { get; }

    /// <summary>Whether more models follow in the direction of the request.</summary>
    public bool HasMore { get; }
}
