//! The only module that calls into C. The rest of the crate is safe code
//! (`#![deny(unsafe_code)]` at the root) built on the handle types below.
//!
//! Why the calls are sound, once for all (the contract of
//! `anthropic_models.h`):
//! - every handle type owns exactly one live C handle (`NonNull`, freed once
//!   in `Drop`); a model borrowed from a list keeps that list alive through an
//!   `Arc`, because the C model lives as long as its list;
//! - strings are borrowed UTF-8 valid while their handle lives, so `&str`s are
//!   tied to `&self` of the handle that returned them (and validated anyway);
//! - models, lists and errors are immutable and readable from any thread; a
//!   client may be used from many threads at once; requests may be cancelled
//!   and freed from any thread at any time, also after their client was freed
//!   — hence the `Send`/`Sync` impls;
//! - the `userdata` given with a request is an `Arc<Slot>` turned into a raw
//!   pointer; C calls `release` exactly once when it is done with it, so the
//!   reference is reclaimed exactly once (or at once when submission fails);
//! - every `extern "C"` function defined here catches unwinding.

use crate::error::{Error, ErrorKind};
use crate::future::Slot;
use crate::logging::LOG_TARGET;
use anthropic_models_sys as sys;
use std::cell::Cell;
use std::ffi::{c_char, c_void, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// C handles and callback contexts this crate holds right now.
static LIVE: AtomicUsize = AtomicUsize::new(0);

pub(crate) fn live_handles() -> usize {
    LIVE.load(Ordering::SeqCst)
}

fn adopt<T>(ptr: *mut T) -> Option<NonNull<T>> {
    let handle = NonNull::new(ptr)?;
    LIVE.fetch_add(1, Ordering::SeqCst);
    Some(handle)
}

fn released() {
    LIVE.fetch_sub(1, Ordering::SeqCst);
}

/// A borrowed C string as `&str`; `None` for NULL (and for invalid UTF-8,
/// which the library never hands out).
///
/// SAFETY: `p` is NULL or a NUL-terminated string that lives for `'a`.
unsafe fn borrowed<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        None
    } else {
        CStr::from_ptr(p).to_str().ok()
    }
}

/// Turns a status and its error out-parameter into a `Result`, freeing the error.
fn check(status: sys::am_status, err: *mut sys::am_error) -> Result<(), Error> {
    match adopt(err) {
        None if status == sys::AM_OK => Ok(()),
        None => Err(Error::new(ErrorKind::from_status(status), status_name(status))),
        Some(err) if status == sys::AM_OK => {
            // Not expected (no error on success), but never leaked.
            // SAFETY: a live error handle, freed once.
            unsafe { sys::am_error_free(err.as_ptr()) };
            released();
            Ok(())
        }
        Some(err) => {
            let err = err.as_ptr();
            // SAFETY: err is a live error handle, freed right after being read.
            let error = unsafe {
                let retry_after = sys::am_error_retry_after_ms(err);
                Error {
                    kind: ErrorKind::from_status(sys::am_error_status(err)),
                    http_status: u16::try_from(sys::am_error_http_status(err)).ok().filter(|s| *s != 0),
                    error_type: borrowed(sys::am_error_type(err)).map(str::to_owned),
                    message: borrowed(sys::am_error_message(err)).unwrap_or_default().to_owned(),
                    request_id: borrowed(sys::am_error_request_id(err)).map(str::to_owned),
                    attempts: u32::try_from(sys::am_error_attempts(err)).unwrap_or(0),
                    retry_after: u64::try_from(retry_after).ok().map(Duration::from_millis),
                }
            };
            // SAFETY: freed once, nothing borrows from it any more.
            unsafe { sys::am_error_free(err) };
            released();
            Err(error)
        }
    }
}

/// Runs `f` and stops a panic there: C called us, and unwinding into C is
/// undefined behaviour. Nothing here can be reported to the caller.
/// Also marks the thread as inside a callback from C for the duration.
fn no_unwind(f: impl FnOnce()) {
    let outer = IN_C_CALLBACK.with(|flag| flag.replace(true));
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        // The panic may have come from the logger itself: guard this call too.
        let _ =
            catch_unwind(|| log::error!(target: LOG_TARGET, "a panic in a callback from the C library was stopped"));
    }
    IN_C_CALLBACK.with(|flag| flag.set(outer));
}

thread_local! {
    /// Whether this thread is running one of our callbacks from C (where a
    /// waker may run arbitrary code, even drop the last handle of a client).
    static IN_C_CALLBACK: Cell<bool> = const { Cell::new(false) };
}

// ---- library-wide values --------------------------------------------------

pub(crate) fn abi_version() -> i32 {
    // SAFETY: no arguments, returns a number.
    unsafe { sys::am_abi_version() }
}

pub(crate) fn version() -> &'static str {
    // SAFETY: a static string.
    unsafe { borrowed(sys::am_version()) }.unwrap_or("unknown")
}

pub(crate) fn status_name(status: sys::am_status) -> &'static str {
    // SAFETY: a static string, never NULL.
    unsafe { borrowed(sys::am_status_name(status)) }.unwrap_or("unknown")
}

pub(crate) fn capability_path(cap: sys::am_capability) -> Option<&'static str> {
    // SAFETY: a static string, or NULL for values the library does not know.
    unsafe { borrowed(sys::am_capability_path(cap)) }
}

// ---- configuration: am_options and am_list_params --------------------------

/// A C configuration handle: `am_options` or `am_list_params`.
pub(crate) trait ConfigKind {
    fn create() -> *mut Self;
    /// SAFETY: `p` is a live handle of this kind, freed once.
    unsafe fn destroy(p: *mut Self);
}
impl ConfigKind for sys::am_options {
    fn create() -> *mut Self {
        // SAFETY: no arguments.
        unsafe { sys::am_options_new() }
    }
    unsafe fn destroy(p: *mut Self) {
        sys::am_options_free(p)
    }
}
impl ConfigKind for sys::am_list_params {
    fn create() -> *mut Self {
        // SAFETY: no arguments.
        unsafe { sys::am_list_params_new() }
    }
    unsafe fn destroy(p: *mut Self) {
        sys::am_list_params_free(p)
    }
}

/// The setters of a configuration handle, by the type of value they take.
/// Safe code can only name the `sys` setters here (defining another
/// `unsafe extern fn` would need `unsafe`).
pub(crate) type SetStr<T> = unsafe extern "C" fn(*mut T, *const c_char, *mut *mut sys::am_error) -> sys::am_status;
pub(crate) type SetI64<T> = unsafe extern "C" fn(*mut T, i64, *mut *mut sys::am_error) -> sys::am_status;
pub(crate) type SetI32<T> = unsafe extern "C" fn(*mut T, i32, *mut *mut sys::am_error) -> sys::am_status;
pub(crate) type SetFlag<T> = unsafe extern "C" fn(*mut T, i32);

pub(crate) struct Config<T: ConfigKind>(NonNull<T>);

impl<T: ConfigKind> Config<T> {
    pub(crate) fn new() -> Result<Self, Error> {
        adopt(T::create())
            .map(Config)
            .ok_or_else(|| Error::new(ErrorKind::OutOfMemory, "cannot allocate a configuration handle"))
    }
    pub(crate) fn set_str(&mut self, setter: SetStr<T>, value: &CStr) -> Result<(), Error> {
        let mut err = ptr::null_mut();
        // SAFETY: a live handle, a NUL-terminated string the setter copies.
        check(unsafe { setter(self.0.as_ptr(), value.as_ptr(), &mut err) }, err)
    }
    pub(crate) fn set_i64(&mut self, setter: SetI64<T>, value: i64) -> Result<(), Error> {
        let mut err = ptr::null_mut();
        // SAFETY: a live handle.
        check(unsafe { setter(self.0.as_ptr(), value, &mut err) }, err)
    }
    pub(crate) fn set_i32(&mut self, setter: SetI32<T>, value: i32) -> Result<(), Error> {
        let mut err = ptr::null_mut();
        // SAFETY: a live handle.
        check(unsafe { setter(self.0.as_ptr(), value, &mut err) }, err)
    }
    pub(crate) fn set_flag(&mut self, setter: SetFlag<T>, on: bool) {
        // SAFETY: a live handle.
        unsafe { setter(self.0.as_ptr(), i32::from(on)) }
    }
}

impl Config<sys::am_options> {
    pub(crate) fn add_header(&mut self, name: &CStr, value: &CStr) -> Result<(), Error> {
        let mut err = ptr::null_mut();
        // SAFETY: a live handle and two NUL-terminated strings the library copies.
        check(unsafe { sys::am_options_add_header(self.0.as_ptr(), name.as_ptr(), value.as_ptr(), &mut err) }, err)
    }
}

impl<T: ConfigKind> Drop for Config<T> {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { T::destroy(self.0.as_ptr()) };
        released();
    }
}

// ---- client -------------------------------------------------------------

pub(crate) struct ClientHandle(NonNull<sys::am_client>);

// SAFETY: "A client may be used from any number of threads at once"; it is
// freed by Drop only, when no borrow (so no call in progress) remains.
unsafe impl Send for ClientHandle {}
unsafe impl Sync for ClientHandle {}

/// What a finished request hands over: a list or a model.
pub(crate) trait Outcome: Sized + Send + 'static {
    fn take(req: *mut sys::am_request) -> Result<Self, Error>;
}

impl ClientHandle {
    /// A client whose completion callbacks run on its worker thread, where
    /// they wake futures, with the C log hook forwarded to the `log` crate.
    pub(crate) fn new(mut options: Config<sys::am_options>) -> Result<Self, Error> {
        options.set_flag(sys::am_options_set_callbacks_on_worker, true);
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live options (copied by the library), out-parameters.
        check(unsafe { sys::am_client_new(options.0.as_ptr(), &mut out, &mut err) }, err)?;
        let client =
            ClientHandle(adopt(out).ok_or_else(|| Error::new(ErrorKind::Internal, "am_client_new gave no client"))?);
        let mut err = ptr::null_mut();
        // SAFETY: a live client; a callback that outlives it and needs no userdata.
        check(
            unsafe {
                sys::am_client_set_log_callback(client.0.as_ptr(), Some(forward_log), ptr::null_mut(), None, &mut err)
            },
            err,
        )?;
        Ok(client)
    }

    pub(crate) fn get(&self, id: &CStr) -> Result<ModelHandle, Error> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: a live client and id; the result is a new owned model.
        check(unsafe { sys::am_model_get(self.0.as_ptr(), id.as_ptr(), &mut out, &mut err) }, err)?;
        ModelHandle::owned(out)
    }

    pub(crate) fn list(&self, params: &Config<sys::am_list_params>, all: bool) -> Result<ListHandle, Error> {
        let call = if all { sys::am_models_list_all } else { sys::am_models_list };
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: a live client and params; the result is a new owned list.
        check(unsafe { call(self.0.as_ptr(), params.0.as_ptr(), &mut out, &mut err) }, err)?;
        ListHandle::owned(out)
    }

    pub(crate) fn invalidate_cache(&self) {
        // SAFETY: a live client; allowed from any thread at any time.
        unsafe { sys::am_client_cache_invalidate(self.0.as_ptr()) }
    }

    pub(crate) fn get_async(&self, id: &CStr, slot: &Arc<Slot<ModelHandle>>) -> Result<RequestHandle, Error> {
        submit(slot, |(callback, userdata, release, out, err)| {
            // SAFETY: as in `get`; the callback contract is `submit`'s.
            unsafe { sys::am_model_get_async(self.0.as_ptr(), id.as_ptr(), callback, userdata, release, out, err) }
        })
    }

    pub(crate) fn list_async(
        &self,
        params: &Config<sys::am_list_params>,
        all: bool,
        slot: &Arc<Slot<ListHandle>>,
    ) -> Result<RequestHandle, Error> {
        let call = if all { sys::am_models_list_all_async } else { sys::am_models_list_async };
        submit(slot, |(callback, userdata, release, out, err)| {
            // SAFETY: as in `list`; the callback contract is `submit`'s.
            unsafe { call(self.0.as_ptr(), params.0.as_ptr(), callback, userdata, release, out, err) }
        })
    }
}

/// A client pointer on its way to another thread to be freed there.
struct ClientToFree(NonNull<sys::am_client>);
// SAFETY: am_client_free may run on any thread but the client's worker.
unsafe impl Send for ClientToFree {}

impl ClientToFree {
    fn free(self) {
        // SAFETY: owned, freed once; no call is in progress (no borrow of the
        // Client is left) and this is not a callback on the worker thread.
        unsafe { sys::am_client_free(self.0.as_ptr()) };
        released();
    }
}

impl Drop for ClientHandle {
    fn drop(&mut self) {
        let client = ClientToFree(self.0);
        if IN_C_CALLBACK.with(Cell::get) {
            // A waker run from our completion callback dropped the last
            // handle: freeing the client here, on its own worker thread,
            // would wait for that thread to stop. Free it from another one.
            if let Err(e) =
                std::thread::Builder::new().name("anthropic_models-free".into()).spawn(move || client.free())
            {
                log::error!(target: LOG_TARGET, "cannot free a client dropped in a callback: {e}");
            }
        } else {
            client.free();
        }
    }
}

/// The tail every asynchronous C call shares: callback, userdata, its
/// release function, the request out-parameter and the error out-parameter.
type SubmitTail =
    (sys::am_request_callback, *mut c_void, sys::am_userdata_free, *mut *mut sys::am_request, *mut *mut sys::am_error);

/// Submits an asynchronous call whose completion fills `slot`.
fn submit<T: Outcome>(
    slot: &Arc<Slot<T>>,
    call: impl FnOnce(SubmitTail) -> sys::am_status,
) -> Result<RequestHandle, Error> {
    let userdata = Arc::into_raw(Arc::clone(slot)) as *mut c_void;
    LIVE.fetch_add(1, Ordering::SeqCst);
    let mut out = ptr::null_mut();
    let mut err = ptr::null_mut();
    let status = call((Some(on_complete::<T>), userdata, Some(release::<T>), &mut out, &mut err));
    if status != sys::AM_OK {
        // Neither callback runs after a failed submission: take the reference back.
        // SAFETY: the pointer came from Arc::into_raw above and was not consumed.
        drop(unsafe { Arc::from_raw(userdata as *const Slot<T>) });
        released();
    }
    check(status, err)?;
    adopt(out)
        .map(RequestHandle)
        .ok_or_else(|| Error::new(ErrorKind::Internal, "the library accepted a request but returned no handle"))
}

/// The completion callback, on the client's worker thread: takes the result
/// (allowed inside the callback) and completes the slot.
extern "C" fn on_complete<T: Outcome>(req: *mut sys::am_request, userdata: *mut c_void) {
    no_unwind(|| {
        // SAFETY: userdata is the Arc<Slot<T>> given to `submit`; `release`
        // has not run yet (it runs after this callback).
        let slot = unsafe { &*(userdata as *const Slot<T>) };
        slot.complete(T::take(req));
    })
}

/// Runs exactly once per request, after the callback or instead of it (the
/// request or the client was freed first): the waiter learns it was closed.
extern "C" fn release<T: Outcome>(userdata: *mut c_void) {
    no_unwind(|| {
        // SAFETY: the reference `submit` leaked, reclaimed exactly once.
        let slot = unsafe { Arc::from_raw(userdata as *const Slot<T>) };
        released();
        slot.close();
    })
}

extern "C" fn forward_log(level: sys::am_log_level, message: *const c_char, _userdata: *mut c_void) {
    no_unwind(|| {
        // SAFETY: valid during this call, which is all it is used for.
        if let Some(message) = unsafe { borrowed(message) } {
            crate::logging::forward(level, message);
        }
    })
}

// ---- requests ------------------------------------------------------------

pub(crate) struct RequestHandle(NonNull<sys::am_request>);

// SAFETY: requests may be cancelled and freed from any thread at any time,
// also after their client was freed.
unsafe impl Send for RequestHandle {}
unsafe impl Sync for RequestHandle {}

impl Drop for RequestHandle {
    fn drop(&mut self) {
        // SAFETY: owned, freed once. An unfinished request is cancelled, its
        // callback will not run afterwards, and its userdata is released.
        unsafe { sys::am_request_free(self.0.as_ptr()) };
        released();
    }
}

// ---- lists ---------------------------------------------------------------

pub(crate) struct ListHandle(NonNull<sys::am_model_list>);

// SAFETY: lists are immutable, readable from any thread, freeable on any thread.
unsafe impl Send for ListHandle {}
unsafe impl Sync for ListHandle {}

impl ListHandle {
    fn owned(p: *mut sys::am_model_list) -> Result<Self, Error> {
        adopt(p).map(ListHandle).ok_or_else(|| Error::new(ErrorKind::Internal, "the library returned no list"))
    }
    pub(crate) fn len(&self) -> usize {
        // SAFETY: a live list.
        unsafe { sys::am_model_list_count(self.0.as_ptr()) }
    }
    pub(crate) fn has_more(&self) -> bool {
        // SAFETY: a live list.
        unsafe { sys::am_model_list_has_more(self.0.as_ptr()) != 0 }
    }
    pub(crate) fn first_id(&self) -> Option<&str> {
        // SAFETY: borrowed from the list, tied to &self.
        unsafe { borrowed(sys::am_model_list_first_id(self.0.as_ptr())) }
    }
    pub(crate) fn last_id(&self) -> Option<&str> {
        // SAFETY: borrowed from the list, tied to &self.
        unsafe { borrowed(sys::am_model_list_last_id(self.0.as_ptr())) }
    }
    #[allow(clippy::wrong_self_convention)] // named after am_model_list_from_cache
    pub(crate) fn from_cache(&self) -> bool {
        // SAFETY: a live list.
        unsafe { sys::am_model_list_from_cache(self.0.as_ptr()) != 0 }
    }
    pub(crate) fn is_stale(&self) -> bool {
        // SAFETY: a live list.
        unsafe { sys::am_model_list_is_stale(self.0.as_ptr()) != 0 }
    }
    pub(crate) fn age_ms(&self) -> i64 {
        // SAFETY: a live list.
        unsafe { sys::am_model_list_age_ms(self.0.as_ptr()) }
    }
    /// Model `i`, borrowed from the list, which the returned handle keeps alive.
    pub(crate) fn model(list: &Arc<ListHandle>, i: usize) -> Option<ModelHandle> {
        // SAFETY: a live list; NULL past the end.
        ListHandle::borrow_model(list, unsafe { sys::am_model_list_at(list.0.as_ptr(), i) })
    }
    /// A lookup (`find`, `newest`): the model it answers, borrowed like `model`.
    pub(crate) fn lookup(list: &Arc<ListHandle>, lookup: Lookup, arg: Option<&CStr>) -> Option<ModelHandle> {
        let arg = arg.map_or(ptr::null(), CStr::as_ptr);
        // SAFETY: a live list and NULL or a NUL-terminated string (both
        // lookups accept NULL); the answer is NULL or a model of the list.
        ListHandle::borrow_model(list, unsafe { lookup(list.0.as_ptr(), arg) })
    }
    fn borrow_model(list: &Arc<ListHandle>, model: *const sys::am_model) -> Option<ModelHandle> {
        // The model lives as long as the list, which the handle holds.
        let ptr = NonNull::new(model as *mut sys::am_model)?;
        Some(ModelHandle { ptr, list: Some(Arc::clone(list)) })
    }

    /// A new list of the models of this one whose every capability path is YES.
    pub(crate) fn select_supported(&self, paths: &[CString]) -> Result<ListHandle, Error> {
        let pointers: Vec<*const c_char> = paths.iter().map(|p| p.as_ptr()).collect();
        self.derive(|list, out, err| {
            // SAFETY: `pointers` holds `len` NUL-terminated strings that
            // outlive the call (the library copies what it keeps).
            unsafe { sys::am_model_list_select_supported(list, pointers.as_ptr(), pointers.len(), out, err) }
        })
    }
    /// A new list by a filter that takes a string (lifecycle, line).
    pub(crate) fn select_str(&self, select: SelectStr, arg: &CStr) -> Result<ListHandle, Error> {
        // SAFETY: a NUL-terminated string that outlives the call.
        self.derive(|list, out, err| unsafe { select(list, arg.as_ptr(), out, err) })
    }
    pub(crate) fn select_retiring_before(&self, unix_seconds: i64) -> Result<ListHandle, Error> {
        // SAFETY: plain values and the out-parameters `derive` passes.
        self.derive(|list, out, err| unsafe { sys::am_model_list_select_retiring_before(list, unix_seconds, out, err) })
    }
    pub(crate) fn sort_by_created(&self, newest_first: bool) -> Result<ListHandle, Error> {
        let newest_first = i32::from(newest_first);
        // SAFETY: plain values and the out-parameters `derive` passes.
        self.derive(|list, out, err| unsafe { sys::am_model_list_sort_by_created(list, newest_first, out, err) })
    }
    /// Runs a selection with this (live) list and out-parameters for the new
    /// list and the error; the new list is owned and shares the models, not
    /// this handle, so it outlives this one.
    fn derive(
        &self,
        call: impl FnOnce(
            *const sys::am_model_list,
            *mut *mut sys::am_model_list,
            *mut *mut sys::am_error,
        ) -> sys::am_status,
    ) -> Result<ListHandle, Error> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        check(call(self.0.as_ptr(), &mut out, &mut err), err)?;
        ListHandle::owned(out)
    }
}

/// The list lookups, which answer a model borrowed from the list.
pub(crate) type Lookup = unsafe extern "C" fn(*const sys::am_model_list, *const c_char) -> *const sys::am_model;
/// The list filters that take one string.
pub(crate) type SelectStr = unsafe extern "C" fn(
    *const sys::am_model_list,
    *const c_char,
    *mut *mut sys::am_model_list,
    *mut *mut sys::am_error,
) -> sys::am_status;

impl Outcome for ListHandle {
    fn take(req: *mut sys::am_request) -> Result<Self, Error> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: a finished request, inside its own callback.
        check(unsafe { sys::am_request_take_list(req, &mut out, &mut err) }, err)?;
        ListHandle::owned(out)
    }
}

impl Drop for ListHandle {
    fn drop(&mut self) {
        // SAFETY: owned, freed once; models borrowed from it hold an Arc to it.
        unsafe { sys::am_model_list_free(self.0.as_ptr()) };
        released();
    }
}

// ---- models --------------------------------------------------------------

/// A model: owned (from `get`, or a clone), or borrowed from a list it keeps alive.
pub(crate) struct ModelHandle {
    ptr: NonNull<sys::am_model>,
    list: Option<Arc<ListHandle>>,
}

// SAFETY: models are immutable, readable from any thread, freeable on any thread.
unsafe impl Send for ModelHandle {}
unsafe impl Sync for ModelHandle {}

/// Model accessors, by shape.
pub(crate) type GetStr = unsafe extern "C" fn(*const sys::am_model) -> *const c_char;
pub(crate) type GetI64 = unsafe extern "C" fn(*const sys::am_model, *mut i64) -> i32;
pub(crate) type GetCount = unsafe extern "C" fn(*const sys::am_model) -> usize;
pub(crate) type GetStrAt = unsafe extern "C" fn(*const sys::am_model, usize) -> *const c_char;

impl ModelHandle {
    fn owned(p: *mut sys::am_model) -> Result<Self, Error> {
        let ptr = adopt(p).ok_or_else(|| Error::new(ErrorKind::Internal, "the library returned no model"))?;
        Ok(ModelHandle { ptr, list: None })
    }
    fn as_ptr(&self) -> *const sys::am_model {
        self.ptr.as_ptr()
    }
    pub(crate) fn str(&self, getter: GetStr) -> Option<&str> {
        // SAFETY: a live model; the string is borrowed from it, tied to &self.
        unsafe { borrowed(getter(self.as_ptr())) }
    }
    pub(crate) fn i64(&self, getter: GetI64) -> Option<i64> {
        let mut out = 0;
        // SAFETY: a live model and an out-parameter.
        (unsafe { getter(self.as_ptr(), &mut out) } != 0).then_some(out)
    }
    pub(crate) fn count(&self, getter: GetCount) -> usize {
        // SAFETY: a live model.
        unsafe { getter(self.as_ptr()) }
    }
    pub(crate) fn str_at(&self, getter: GetStrAt, i: usize) -> Option<&str> {
        // SAFETY: a live model; NULL past the end; borrowed from the model.
        unsafe { borrowed(getter(self.as_ptr(), i)) }
    }
    pub(crate) fn supports(&self, cap: sys::am_capability) -> sys::am_support {
        // SAFETY: a live model.
        unsafe { sys::am_model_supports(self.as_ptr(), cap) }
    }
    pub(crate) fn supports_path(&self, path: &CStr) -> sys::am_support {
        // SAFETY: a live model and a NUL-terminated path.
        unsafe { sys::am_model_supports_path(self.as_ptr(), path.as_ptr()) }
    }
    pub(crate) fn capability_support_at(&self, i: usize) -> sys::am_support {
        // SAFETY: a live model; UNKNOWN past the end.
        unsafe { sys::am_model_capability_support_at(self.as_ptr(), i) }
    }
}

impl Clone for ModelHandle {
    fn clone(&self) -> Self {
        match &self.list {
            Some(list) => ModelHandle { ptr: self.ptr, list: Some(Arc::clone(list)) },
            // SAFETY: a live model; the clone is a new owned handle.
            None => ModelHandle::owned(unsafe { sys::am_model_clone(self.as_ptr()) })
                .unwrap_or_else(|_| panic!("out of memory cloning a model")),
        }
    }
}

impl Outcome for ModelHandle {
    fn take(req: *mut sys::am_request) -> Result<Self, Error> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: a finished request, inside its own callback.
        check(unsafe { sys::am_request_take_model(req, &mut out, &mut err) }, err)?;
        ModelHandle::owned(out)
    }
}

impl Drop for ModelHandle {
    fn drop(&mut self) {
        if self.list.is_none() {
            // SAFETY: owned, freed once (a borrowed one is the list's).
            unsafe { sys::am_model_free(self.ptr.as_ptr()) };
            released();
        }
    }
}
