package dev.meshhook.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WorkloadEntry, WorkloadGroup and ProxyConfig tables (validation-spec §2.2.7, §2.2.8, §2.2.15). */
class WorkloadValidatorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        full | {"address":"1.2.3.4","serviceAccount":"sa","network":"net","labels":{"app":"app"},"ports":{"http":1},"weight":2,"locality":"foo/bar/baz"} | ok
        no address | {} | msg:address is required
        no address with network | {"network":"n1"} | warn:address is unset with network "n1"
        fqdn address | {"address":"vm.example.com"} | ok
        ipv6 address | {"address":"2001:db8::1"} | ok
        bad address | {"address":"vm_1.example.com"} | msg:endpoint address "vm_1.example.com" is not a valid FQDN or an IP address
        uds relative | {"address":"unix://relative"} | msg:relative is not an absolute path to a file
        uds directory | {"address":"unix:///var/run/"} | msg:/var/run/ is not an absolute path to a file
        uds abstract | {"address":"unix://@abstract"} | ok
        uds with ports | {"address":"unix:///sock","ports":{"http":80}} | msg:unix endpoint unix:///sock must not include ports
        bad port name | {"address":"1.1.1.1","ports":{"@":80}} | msg:invalid port name: @
        bad port number | {"address":"1.1.1.1","ports":{"http":0}} | msg:port number 0 must be in the range 1..65535
        bad label key | {"address":"1.1.1.1","labels":{"-x":"y"}} | msg:1 error occurred:\\n\\t* invalid tag key: "-x"\\n\\n
        bad label value | {"address":"1.1.1.1","labels":{"x":"a b"}} | msg:1 error occurred:\\n\\t* invalid tag value: "a b"\\n\\n
        """)
    void workloadEntry(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("networking.istio.io/v1", "WorkloadEntry", "we", "default", spec, null), expectation);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        full | {"metadata":{"labels":{"foo":"bar"},"annotations":{"foo":"bar"}},"probe":{"failureThreshold":2,"initialDelaySeconds":1,"periodSeconds":1,"successThreshold":1,"timeoutSeconds":1,"httpGet":{"port":8080,"host":"bar","scheme":"HTTPS","path":"/bar","httpHeaders":[{"name":"foo","value":"bar"}]}},"template":{"serviceAccount":"sa","labels":{"app":"app"},"ports":{"http":1}}} | ok
        no spec | null | msg:template is required
        no template | {"probe":{"tcpSocket":{"port":80}}} | msg:template is required
        template not validated | {"template":{"address":"not an address!"}} | ok
        bad metadata labels | {"metadata":{"labels":{"-x":"y"}},"template":{}} | msg:invalid labels: 1 error occurred:\\n\\t* invalid tag key: "-x"\\n\\n
        probe header invalid | {"probe":{"httpGet":{"httpHeaders":[{"name":"**"}],"port":80}},"template":{}} | msg:header name ** is not a valid header name
        probe header empty | {"probe":{"httpGet":{"httpHeaders":[{"value":"x"}],"port":80}},"template":{}} | msg:header name cannot be empty
        probe http no port | {"probe":{"httpGet":{"path":"/"}},"template":{}} | msg:port number 0 must be in the range 1..65535
        probe bad scheme | {"probe":{"httpGet":{"port":80,"scheme":"ftp"}},"template":{}} | msg:httpGet.scheme must be one of "HTTPS", "HTTP"
        probe negative counters | {"probe":{"periodSeconds":-1,"failureThreshold":-2,"tcpSocket":{"port":80}},"template":{}} | msg:2 errors occurred:\\n\\t* periodSeconds must be non-negative\\n\\t* failureThreshold must be non-negative\\n\\n
        probe tcp bad port | {"probe":{"tcpSocket":{"port":70000}},"template":{}} | msg:port number 70000 must be in the range 1..65535
        probe exec empty | {"probe":{"exec":{}},"template":{}} | msg:exec.command is required
        probe exec ok | {"probe":{"exec":{"command":["cat","/tmp/ready"]}},"template":{}} | ok
        probe grpc rejected | {"probe":{"grpc":{"port":8080}},"template":{}} | msg:unknown health check method *v1alpha3.ReadinessProbe_Grpc
        probe without method | {"probe":{"periodSeconds":5},"template":{}} | msg:unknown health check method <nil>
        """)
    void workloadGroup(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("networking.istio.io/v1", "WorkloadGroup", "wg", "default", spec, null), expectation);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        empty | {} | ok
        full | {"concurrency":1,"selector":{"matchLabels":{"foo":"bar"}},"image":{"imageType":"foo"},"environmentVariables":{"foo":"baz"}} | ok
        invalid concurrency | {"concurrency":-1} | msg:concurrency must be greater than or equal to 0
        empty selector key | {"selector":{"matchLabels":{"":"bar"}}} | msg:empty key is not supported in selector: "=bar"
        selector without labels | {"selector":{}} | warn:workload selector specified without labels
        concurrency not a number | {"concurrency":"two"} | err:error decoding configuration
        """)
    void proxyConfig(String name, String spec, String expectation) throws Exception {
        SecCases.check(name, SecCases.run("networking.istio.io/v1beta1", "ProxyConfig", "pc", "default", spec, null), expectation);
    }
}
