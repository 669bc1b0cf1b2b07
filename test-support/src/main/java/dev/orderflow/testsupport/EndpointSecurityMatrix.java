package dev.orderflow.testsupport;

import jakarta.servlet.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, as SECURITY.md's rule matrix states it, checked against a running service: every endpoint its
 * {@code RequestMappingHandlerMapping} maps, with every HTTP method and every kind of caller, through the service's own
 * security filter chain. A request the rules let through reaches the end of the chain (the service is not called, so
 * nothing changes); any other answers 401 without a valid token and 403 with one. A mapped endpoint without a rule, or a
 * rule that matches no endpoint, fails too: the matrix and the service cannot drift apart.
 */
public final class EndpointSecurityMatrix {

    /** Every method the walk sends; TRACE and CONNECT never reach the application. */
    public static final List<HttpMethod> METHODS = List.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.PATCH,
            HttpMethod.DELETE,
            HttpMethod.OPTIONS);

    /** The kinds of caller: the three without a valid token, and the three roles of SECURITY.md. */
    public enum Caller {
        NO_TOKEN,
        EXPIRED_TOKEN,
        WRONG_AUDIENCE,
        /** A customer's login: orders:read orders:write, acting for itself only. */
        CUSTOMER,
        /** A shop backend: orders:read orders:write orders:any-customer. */
        STOREFRONT,
        /** The operator: orders:admin ops:read orders:read orders:any-customer. */
        OPERATOR
    }

    private record Rule(String path, PathPattern pattern, Set<HttpMethod> methods, Set<Caller> callers) {}

    /** One mapped endpoint with a concrete path. */
    private record Endpoint(String pattern, String path, Set<HttpMethod> mappedMethods) {}

    private final List<Rule> rules = new ArrayList<>();

    private EndpointSecurityMatrix() {}

    /**
     * The rules every service has: the admin API (dead letters, incidents) for the operator only, read and post; the
     * error page never as a request of its own (it is only rendered for a request already let in or refused).
     */
    public static EndpointSecurityMatrix everyService() {
        return new EndpointSecurityMatrix()
                .allow("/api/admin/**", EnumSet.of(Caller.OPERATOR), HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST)
                .allow("/error", EnumSet.noneOf(Caller.class), HttpMethod.values());
    }

    /** These callers may use these methods of the paths matching {@code path} (a path pattern: {@code *}, {@code **}). */
    public EndpointSecurityMatrix allow(String path, Set<Caller> callers, HttpMethod... methods) {
        if (callers.contains(Caller.EXPIRED_TOKEN) || callers.contains(Caller.WRONG_AUDIENCE)) {
            throw new IllegalArgumentException("An invalid token is refused everywhere, even where no token is needed");
        }
        rules.add(new Rule(
                path,
                PathPatternParser.defaultInstance.parse(path),
                new LinkedHashSet<>(List.of(methods)),
                callers.isEmpty() ? EnumSet.noneOf(Caller.class) : EnumSet.copyOf(callers)));
        return this;
    }

    /**
     * Walks every endpoint of the service with every method and caller and fails with every difference from the
     * matrix, listed.
     */
    public void verify(WebApplicationContext context) {
        Filter security = context.getBean("springSecurityFilterChain", Filter.class);
        List<Endpoint> endpoints = endpoints(context);
        List<String> problems = new ArrayList<>(coverage(endpoints));
        Map<Caller, String> tokens = tokens(TestIdentityProvider.shared());
        int checked = 0;
        for (Endpoint endpoint : endpoints) {
            for (HttpMethod method : METHODS) {
                Set<Caller> allowed = allowed(endpoint.path(), method);
                for (Caller caller : Caller.values()) {
                    String expected = expected(caller, allowed);
                    String actual = send(security, context, method, endpoint.path(), tokens.get(caller));
                    checked++;
                    if (!expected.equals(actual)) {
                        problems.add(method + " " + endpoint.path() + " (" + endpoint.pattern() + ") as " + caller
                                + ": expected " + expected + ", was " + actual);
                    }
                }
            }
        }
        if (checked == 0) {
            problems.add("The service maps no endpoint");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "The security rules differ from the matrix (SECURITY.md):\n  " + String.join("\n  ", problems));
        }
    }

    /** Every mapped method of every endpoint has a rule, and every rule matches an endpoint. */
    private List<String> coverage(List<Endpoint> endpoints) {
        List<String> problems = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (HttpMethod method : endpoint.mappedMethods()) {
                boolean ruled = rules.stream()
                        .anyMatch(rule -> rule.methods().contains(method) && matches(rule, endpoint.path()));
                if (!ruled) {
                    problems.add(method + " " + endpoint.pattern() + " is mapped but has no rule in the matrix");
                }
            }
        }
        for (Rule rule : rules) {
            if (endpoints.stream().noneMatch(endpoint -> matches(rule, endpoint.path()))) {
                problems.add("The rule for " + rule.path() + " matches no mapped endpoint");
            }
        }
        return problems;
    }

    private Set<Caller> allowed(String path, HttpMethod method) {
        Set<Caller> allowed = EnumSet.noneOf(Caller.class);
        rules.stream()
                .filter(rule -> rule.methods().contains(method) && matches(rule, path))
                .forEach(rule -> allowed.addAll(rule.callers()));
        return allowed;
    }

    private static boolean matches(Rule rule, String path) {
        return rule.pattern().matches(PathContainer.parsePath(path));
    }

    private static String expected(Caller caller, Set<Caller> allowed) {
        if (caller == Caller.EXPIRED_TOKEN || caller == Caller.WRONG_AUDIENCE) {
            return "401";
        }
        if (allowed.contains(caller)) {
            return "let in";
        }
        return caller == Caller.NO_TOKEN ? "401" : "403";
    }

    /**
     * "let in" when the request reached the end of the security chain; else its status, marked when the answer is not
     * problem details.
     */
    private static String send(
            Filter security, WebApplicationContext context, HttpMethod method, String path, String token) {
        MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), method.name(), path);
        if (token != null) {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        try {
            security.doFilter(request, response, chain);
        } catch (Exception e) {
            return "an exception: " + e;
        }
        if (chain.getRequest() != null) {
            return "let in";
        }
        String status = String.valueOf(response.getStatus());
        String type = response.getContentType();
        boolean problem =
                type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        return problem ? status : status + " without problem details";
    }

    private static Map<Caller, String> tokens(TestIdentityProvider identity) {
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.NO_TOKEN, null);
        tokens.put(
                Caller.EXPIRED_TOKEN,
                identity.token()
                        .scopes(TestIdentityProvider.ALL_SCOPES.toArray(String[]::new))
                        .issuedAt(Instant.now().minus(Duration.ofHours(1)))
                        .timeToLive(Duration.ofMinutes(5))
                        .sign());
        tokens.put(
                Caller.WRONG_AUDIENCE,
                identity.token()
                        .scopes(TestIdentityProvider.ALL_SCOPES.toArray(String[]::new))
                        .audience("another-api")
                        .sign());
        tokens.put(Caller.CUSTOMER, identity.customerToken("matrix-customer"));
        tokens.put(Caller.STOREFRONT, identity.storefrontToken());
        tokens.put(Caller.OPERATOR, identity.operatorToken());
        return tokens;
    }

    /** The endpoints of the application's own handler mapping, each path variable filled in. */
    private static List<Endpoint> endpoints(WebApplicationContext context) {
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        String sample = UUID.randomUUID().toString();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> mapped = info.getMethodsCondition().getMethods();
            for (String pattern : new TreeSet<>(info.getPatternValues())) {
                String path = pattern.replaceAll("\\{[^}]+}", sample);
                Set<HttpMethod> methods = new LinkedHashSet<>();
                if (mapped.isEmpty()) {
                    methods.addAll(METHODS);
                } else {
                    mapped.forEach(method -> methods.add(method.asHttpMethod()));
                }
                Endpoint known = endpoints.get(path);
                if (known != null) {
                    methods.addAll(known.mappedMethods());
                }
                endpoints.put(path, new Endpoint(pattern, path, methods));
            }
        }
        return new ArrayList<>(endpoints.values());
    }
}
