using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecureBase.Web.Features.Forms;

// The one place a posted form is checked before any handler runs:
// - a page post that is not a form (JSON, text/plain, no body) is a 415, never a handler reading nothing;
// - a bound input that received no field at all is still validated, so its [Required] fields fail
//   instead of reaching the handler as nulls (an empty post used to end in "Nullable object must have
//   a value"). Inputs that received fields were validated by model binding already;
// - a handler argument that cannot hold "nothing" (bool, int, Guid, a date, a choice) and was sent a value
//   it cannot read is a 400 before the handler runs: otherwise the handler sees the type's default
//   ("wanted=1" was read as false and turned reminders off; "weekly=on" approved a single session);
// - a form drawn again because of its errors answers 400, on every page alike.
public sealed class ValidateBoundInputs : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            if (!request.HasFormContentType)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType);
                return;
            }
            if (context.HandlerMethod?.Parameters.Any(p => p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null
                    && context.ModelState.TryGetValue(p.BindingInfo?.BinderModelName ?? p.Name, out var entry) && entry.Errors.Count > 0) == true)
            {
                context.Result = new BadRequestResult();
                return;
            }
            if (context.HandlerInstance is PageModel page)
                foreach (var property in context.ActionDescriptor.BoundProperties)
                {
                    var name = property.BindingInfo?.BinderModelName ?? property.Name;
                    var value = page.GetType().GetProperty(property.Name)?.GetValue(page);
                    if (value is null || value is string || value.GetType().IsValueType || HasEntries(page, name)) continue;
                    page.TryValidateModel(value, name);
                }
        }
        var executed = await next();
        if (executed.Result is PageResult { StatusCode: null } result && !executed.ModelState.IsValid
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            result.StatusCode = StatusCodes.Status400BadRequest;
    }

    static bool HasEntries(PageModel page, string name) => page.ModelState.Keys.Any(k =>
        k == name || k.StartsWith(name + ".", StringComparison.Ordinal) || k.StartsWith(name + "[", StringComparison.Ordinal));
}
