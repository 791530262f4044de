/// The version reported by `GET /`, `ferry --version` and the OpenAPI document.
public enum FerryVersion {
    public static let current = "0.1.0"
}
