@testable import FerryAPI
import Testing

struct SlugTests {
    @Test(arguments: [
        ("Café Crème", "cafe-creme"),
        ("Ångström & Ñandú", "angstrom-nandu"),
        ("  Hello,   World!  ", "hello-world"),
        ("ﬁnal ﬂight", "final-flight"),
        ("Œuvre Æther", "oeuvre-aether"),
        ("ＦＵＬＬ ｗｉｄｔｈ １２", "full-width-12"),
        ("Straße 42", "stra-e-42"),
        ("日本語", "post"),
    ])
    func derivesASCIISlugs(text: String, slug: String) {
        #expect(Slug.derive(from: text, fallback: "post") == slug)
    }
}
