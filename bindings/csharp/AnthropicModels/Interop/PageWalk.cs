// The cursor rules of a lazy walk over every page (ModelsClient.ListAllAsync), the same as the C
// library's am_models_list_all: follow last_id forwards, or first_id backwards when the caller
// gave BeforeId; a missing or repeated cursor, or the page cap, is a PaginationException rather
// than a silently partial list.
using System;
using System.Collections.Generic;

namespace AnthropicModels.Interop;

internal sealed class PageWalk
{
    /// <summary>Models per page when the caller gave no limit (as am_models_list_all).</summary>
    internal const int DefaultLimit = 1000;

    private const int DefaultMaxPages = 1000;

    private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
    private readonly int _maxPages;
    private int _pages;

    internal PageWalk(ModelListParams p)
    {
        AfterId = p.AfterId;
        BeforeId = p.BeforeId;
        Backwards = p.BeforeId != null;
        _maxPages = p.MaxPages ?? DefaultMaxPages;
    }

    /// <summary>Walking backwards: pages come newer and newer, each yielded nearest the cursor first.</summary>
    internal bool Backwards { get; }

    internal string? AfterId { get; private set; }

    internal string? BeforeId { get; private set; }

    /// <summary>Moves past <paramref name="page"/>, which said more pages follow.</summary>
    internal void Advance(ModelListPage page)
    {
        _pages++;
        string? next = Backwards ? page.FirstId : page.LastId;
        // The cursor comes from the server: it stays out of the message (it could echo a secret).
        if (string.IsNullOrEmpty(next))
            throw Failure($"has_more is true but {(Backwards ? "first_id" : "last_id")} is missing");
        if (!_seen.Add(next!)) throw Failure("the server repeated a cursor");
        if (_pages >= _maxPages) throw Failure($"stopped at the page cap of {_maxPages} pages; the list is incomplete");
        if (Backwards) BeforeId = next; else AfterId = next;
    }

    private static PaginationException Failure(string problem) =>
        (PaginationException)ErrorMapping.Create(
            new ErrorDetails(ModelsStatus.Pagination, "list_all: " + problem, null, null, null, 0, null),
            System.Threading.CancellationToken.None);
}
