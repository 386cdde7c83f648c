using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace SecureBase.Data.Fhir;

// FHIR JSON through Firely's System.Text.Json converters (the SDK's current serializer).
public static class FhirJson
{
    static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();

    public static string Write(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Options);

    public static T Read<T>(string json) where T : Resource => JsonSerializer.Deserialize<T>(json, Options)!;
}
