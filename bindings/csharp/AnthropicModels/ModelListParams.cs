using System.Collections.Generic;

namespace AnthropicModels;

/// <summary>Parameters of a <c>GET /v1/models</c> call.</summary>
public sealed class ModelListParams
{
    /// <summary>
    /// Models per page, 1..1000. Default: the server's (20) for one page, 1000 per page when
    /// listing all.
    /// </summary>
    public int? Limit { get; set; }

    /// <summary>Start after this model id (exclusive); listing all then walks forwards.</summary>
    public string? AfterId { get; set; }

    /// <summary>Start before this model id (exclusive); listing all then walks backwards. Not with <see cref="AfterId"/>.</summary>
    public string? BeforeId { get; set; }

    /// <summary>Lifecycle stages to list (<c>active</c>, <c>deprecated</c>, <c>retired</c>); none: active and deprecated.</summary>
    public IList<string> Lifecycle { get; } = new List<string>();

    /// <summary>Use the beta variant of the API (<c>?beta=true</c>) for this call.</summary>
    public bool Beta { get; set; }

    /// <summary>Listing all fails with <see cref="PaginationException"/> after this many pages (default 1000).</summary>
    public int? MaxPages { get; set; }

    /// <summary>
    /// Listing all (<see cref="ModelsClient.ListAll"/>, <see cref="ModelsClient.GetModelListAsync"/>)
    /// bypasses the client's cache: the listing is fetched (sharing a request already in flight) and
    /// replaces the cached one. Changes nothing without a cache; ignored when
    /// <see cref="ModelsClientOptions.Offline"/>.
    /// </summary>
    public bool Refresh { get; set; }
}
