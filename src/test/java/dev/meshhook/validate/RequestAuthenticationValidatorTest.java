package dev.meshhook.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RequestAuthentication table (validation-spec §2.2.11, facts from Istio's TestValidateRequestAuthentication). */
class RequestAuthenticationValidatorTest {
    private static final String RSA_KEY = "{\\\"e\\\":\\\"AQAB\\\",\\\"kid\\\":\\\"k1\\\",\\\"kty\\\":\\\"RSA\\\","
        + "\\\"n\\\":\\\"xAE7eB6qugXyCAG3yhh7pkDkT65pHymX-P7KfIupjf59vsdo91bSP9C8H07pSAGQO1MV_xFj9VswgsCg4R6otmg5PV2He95lZdHtOcU5DXIg\\\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty spec | {} | ok
        selector without labels | {"selector":{}} | warn:workload selector specified without labels
        selector with labels | {"selector":{"matchLabels":{"app":"httpbin"}}} | ok
        empty jwt rule | {"jwtRules":[{}]} | msg:1 error occurred:\\n\\t* issuer or jwksUri must be non-empty string\\n\\n
        jwksUri without issuer | {"jwtRules":[{"jwksUri":"https://foo.com/jwks"}]} | ok
        empty audience | {"jwtRules":[{"issuer":"x","audiences":[""]}]} | msg:1 error occurred:\\n\\t* audience must be non-empty string\\n\\n
        jwksUri no protocol | {"jwtRules":[{"issuer":"foo.com","jwksUri":"foo.com"}]} | msg:1 error occurred:\\n\\t* URI scheme "" is not supported\\n\\n
        jwksUri invalid port | {"jwtRules":[{"issuer":"foo.com","jwksUri":"https://foo.com:not-a-number"}]} | msg:1 error occurred:\\n\\t* parse "https://foo.com:not-a-number": invalid port ":not-a-number" after host\\n\\n
        jwksUri ftp | {"jwtRules":[{"issuer":"foo.com","jwks_uri":"ftp://foo.com/k"}]} | err:URI scheme "ftp" is not supported
        jwksUri bad escape | {"jwtRules":[{"issuer":"foo.com","jwksUri":"https://foo.com/%zz"}]} | err:parse "https://foo.com/%zz": invalid URL escape "%zz"
        jwksUri with port | {"jwtRules":[{"issuer":"foo.com","jwksUri":"http://foo.com:8080/certs"}]} | ok
        empty selector value | {"selector":{"matchLabels":{"app":"httpbin","version":""}},"jwtRules":[{"issuer":"foo.com","jwksUri":"https://foo.com/cert"}]} | ok
        selector empty key | {"selector":{"matchLabels":{"":"v1"}},"jwtRules":[{"issuer":"foo.com"}]} | msg:empty key is not supported in selector: "=v1"
        good targetRef | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"foo"},"jwtRules":[{"issuer":"foo.com"}]} | ok
        targetRef empty name | {"targetRef":{"group":"gateway.networking.k8s.io","kind":"Gateway"}} | msg:targetRef name must be set
        targetRef wrong group | {"targetRef":{"group":"wrong-group","kind":"Gateway","name":"foo"}} | msg:targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was wrong-group/Gateway
        targetRef and selector | {"targetRef":{"kind":"Service","name":"foo"},"selector":{"matchLabels":{"app":"a"}}} | msg:only one of targetRefs or workloadSelector can be set
        targetRef and targetRefs | {"targetRefs":[{"kind":"Service","name":"foo"}],"targetRef":{"kind":"Service","name":"foo"}} | err:only one of targetRefs or workloadSelector can be set
        bad header location | {"jwtRules":[{"issuer":"foo.com","fromHeaders":[{"name":"","prefix":"Bearer "}]}]} | msg:1 error occurred:\\n\\t* location header name must be non-empty string\\n\\n
        bad param location | {"jwtRules":[{"issuer":"foo.com","fromParams":[""]}]} | err:location query must be non-empty string
        bad cookie location | {"jwtRules":[{"issuer":"foo.com","fromCookies":["","foo"]}]} | err:cookie name must be non-empty string
        good header location | {"jwtRules":[{"issuer":"foo.com","jwksUri":"https://foo.com","fromHeaders":[{"name":"x-foo","prefix":"Bearer "}]}]} | ok
        jwks error | {"jwtRules":[{"issuer":"foo.com","jwks":"foo"}]} | err:jwks parse error:
        jwks unknown kty | {"jwtRules":[{"issuer":"foo.com","jwks":"{\\"keys\\":[{\\"kty\\":\\"XYZ\\"}]}"}]} | err:invalid key type from JSON (XYZ)
        jwks missing modulus | {"jwtRules":[{"issuer":"foo.com","jwks":"{\\"keys\\":[{\\"kty\\":\\"RSA\\",\\"e\\":\\"AQAB\\"}]}"}]} | err:required field n is missing
        jwks symmetric key warns | {"jwtRules":[{"issuer":"foo.com","jwks":"{\\"keys\\":[{\\"kty\\":\\"oct\\",\\"k\\":\\"c2VjcmV0\\"}]}"}]} | warn:jwks key at index 0 contains private key material; only public keys are used for verification
        jwks single EC private key warns | {"jwtRules":[{"issuer":"foo.com","jwks":"{\\"kty\\":\\"EC\\",\\"crv\\":\\"P-256\\",\\"x\\":\\"AQAB\\",\\"y\\":\\"AQAB\\",\\"d\\":\\"AQAB\\"}"}]} | warn:jwks key at index 0 contains private key material
        outputClaimToHeaders empty | {"jwtRules":[{"issuer":"foo.com","outputClaimToHeaders":[{}]}]} | msg:1 error occurred:\\n\\t* outputClaimToHeaders header and claim value must be non-empty string\\n\\n
        outputClaimToHeaders empty claim | {"jwtRules":[{"issuer":"foo.com","outputClaimToHeaders":[{"header":"x-jwt-claim","claim":""}]}]} | err:outputClaimToHeaders header and claim value must be non-empty string
        outputClaimToHeaders bad header | {"jwtRules":[{"issuer":"foo.com","outputClaimToHeaders":[{"header":"abc%123","claim":"sub"}]}]} | msg:1 error occurred:\\n\\t* header name abc%123 is not a valid header name\\n\\n
        outputClaimToHeaders good | {"jwtRules":[{"issuer":"foo.com","outputClaimToHeaders":[{"header":"x_jwt-claim","claim":"sub"}]}]} | ok
        timeout too small | {"jwtRules":[{"issuer":"foo.com","timeout":"100us"}]} | msg:1 error occurred:\\n\\t* duration must be greater than 1ms\\n\\n
        timeout go syntax | {"jwtRules":[{"issuer":"foo.com","timeout":"1m30s"}]} | ok
        timeout not a duration | {"jwtRules":[{"issuer":"example","timeout":"apple"}]} | err:error decoding configuration: bad Duration: time: invalid duration "apple"
        two rules two errors | {"jwtRules":[{"issuer":"a","audiences":[""]},{"issuer":"b","fromParams":[""]}]} | msg:2 errors occurred:\\n\\t* audience must be non-empty string\\n\\t* location query must be non-empty string\\n\\n
        """)
    void table(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("security.istio.io/v1", "RequestAuthentication", "ra", "bar", spec, null), expectation);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        jwks public rsa key set | ok
        """)
    void jwksOk(String name, String expectation) throws Exception {
        String spec = "{\"jwtRules\":[{\"issuer\":\"foo.com\",\"jwks\":\"{\\\"keys\\\":[" + RSA_KEY.replace("\\\\", "\\") + "]}\"}]}";
        SecCases.check(name, SecCases.run("security.istio.io/v1", "RequestAuthentication", "ra", "bar", spec, null), expectation);
    }

    @ParameterizedTest(name = "dry-run annotation")
    @CsvSource(delimiter = '|', textBlock = """
        {} | msg:bar/ra has unsupported annotation istio.io/dry-run, please remove the annotation
        """)
    void dryRunNotSupported(String spec, String expectation) throws Exception {
        SecCases.check("dry-run", SecCases.run("security.istio.io/v1", "RequestAuthentication", "ra", "bar", spec,
            "{\"istio.io/dry-run\":\"true\"}"), expectation);
    }
}
