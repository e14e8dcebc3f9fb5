using System;
using System.Collections.Generic;
using System.Threading;

namespace AnthropicModels.Interop;

/// <summary>Which C call a request is, and how its finished result becomes a .NET value.</summary>
internal enum NativeCall
{
    Get,
    List,
    ListAll,
}

internal abstract unsafe class ResultKind<T>
{
    internal abstract NativeCall Call { get; }

    /// <summary>
    /// Takes the result of a finished request: the value, or the exception it failed with (a
    /// cancellation by <paramref name="token"/> is an OperationCanceledException carrying it).
    /// Never throws for a failed call, so it can run on the client's worker thread cheaply.
    /// </summary>
    internal bool TryTake(IntPtr request, CancellationToken token, out T value, out Exception? error)
    {
        IntPtr result, err;
        int status = Take(request, &result, &err);
        if (status != 0)
        {
            value = default!;
            error = ErrorMapping.FromNative(status, err, token);
            return false;
        }
        value = Convert(result);
        error = null;
        return true;
    }

    protected abstract int Take(IntPtr request, IntPtr* result, IntPtr* err);

    /// <summary>Takes ownership of the native result.</summary>
    protected abstract T Convert(IntPtr result);
}

internal static unsafe class ResultKinds
{
    internal static readonly ResultKind<ModelInfo> Model = new ModelKind();
    internal static readonly ResultKind<ModelListPage> Page = new PageKind();
    internal static readonly ResultKind<ModelList> All = new AllKind();

    private sealed class ModelKind : ResultKind<ModelInfo>
    {
        internal override NativeCall Call => NativeCall.Get;

        protected override int Take(IntPtr request, IntPtr* result, IntPtr* err) =>
            NativeMethods.am_request_take_model(request, result, err);

        protected override ModelInfo Convert(IntPtr result) => ModelReader.ReadModel(result);
    }

    private sealed class PageKind : ResultKind<ModelListPage>
    {
        internal override NativeCall Call => NativeCall.List;

        protected override int Take(IntPtr request, IntPtr* result, IntPtr* err) =>
            NativeMethods.am_request_take_list(request, result, err);

        protected override ModelListPage Convert(IntPtr result) => ModelReader.ReadPage(result);
    }

    private sealed class AllKind : ResultKind<ModelList>
    {
        internal override NativeCall Call => NativeCall.ListAll;

        protected override int Take(IntPtr request, IntPtr* result, IntPtr* err) =>
            NativeMethods.am_request_take_list(request, result, err);

        protected override ModelList Convert(IntPtr result) => ModelReader.ReadList(result);
    }
}
