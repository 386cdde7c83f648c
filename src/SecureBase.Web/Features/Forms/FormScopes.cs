using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecureBase.Web.Features.Forms;

// Pages with several forms bind and validate every form's input (ValidateBoundInputs); each handler then
// looks only at its own form's fields, so the other forms' empty fields are not errors.
public static class FormScopes
{
    /// <summary>Drops every entry except those of the form <paramref name="prefix"/> ("Before" keeps "Before.Plan" …).</summary>
    public static void KeepOnly(this ModelStateDictionary state, string prefix)
    {
        foreach (var key in state.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList()) state.Remove(key);
    }

    /// <summary>Drops the entries of the form <paramref name="prefix"/> (the field itself and "prefix.Field").</summary>
    public static void Forget(this ModelStateDictionary state, string prefix)
    {
        foreach (var key in state.Keys.Where(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList()) state.Remove(key);
    }
}
