package dev.tenure.api.people;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;

/**
 * Two ways in. {@code /api/**} takes a bearer token an admin issued, with no session and no CSRF (a token in
 * a header is not sent by a browser on its own, so there is nothing to forge); it also takes the pages'
 * session, so an admin signed in to the pages can issue the first token, but then only with the session's
 * CSRF token (a browser does send the cookie on its own). Pages use form login with a session and CSRF
 * protection, throttled per email and per client address ({@link SignInThrottle}). Webhooks carry a
 * per-source secret instead of a login. Who may open what is decided here, by URL, and nowhere else;
 * whose records a CSM may see is {@link Visibility}'s.
 * <p>
 * Every answer says what a browser may do with it: a Content-Security-Policy, a Referrer-Policy, no
 * sniffing of content types, no framing (Spring Security's defaults add the last two, and HSTS over HTTPS).
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties(SignInProperties.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final String[] SEE_EVERYTHING = {Role.ADMIN.name(), Role.CS_OPS.name()};

    /** JSON and problem bodies: nothing to load, run or frame. */
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /**
     * Tenure's pages: their own stylesheets and one script file, inline SVG charts (no style attributes,
     * no inline scripts or handlers), forms posting only to Tenure.
     */
    private static final String PAGES_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Swagger UI: its scripts are files too, but it sets styles inline as it renders and draws its icons
     * from data: URLs in its stylesheet.
     */
    private static final String API_DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * An API call that may ride on the pages' session cookie, which a browser sends by itself, rather than on
     * a bearer token, which it never adds by itself: an unsafe one must carry the session's CSRF token, as the
     * pages' forms do. Webhooks sign in with their source's secret and never with a session.
     */
    private static final RequestMatcher SIGNED_IN_BY_SESSION = request -> {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return !bearer && request.getSession(false) != null
                && !request.getRequestURI().startsWith(request.getContextPath() + "/api/webhooks/");
    };

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AccessProblems problems, People people) throws Exception {
        // Actuator too: monitoring calls with a token, like any API client; only health is public.
        return http.securityMatcher("/api/**", "/actuator/**")
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
                        SIGNED_IN_BY_SESSION)))
                // A session is read, never made: only the sign-in page starts one.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(context -> context.securityContextRepository(sessionRead()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .addFilterBefore(new BearerTokens(tokens, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SessionsFollowPeople(people, sessionRead()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // Checked against the source's secret by the webhook endpoint itself.
                        .requestMatchers("/api/webhooks/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(SEE_EVERYTHING)
                        .requestMatchers("/api/users/me/**").authenticated()
                        .requestMatchers("/api/users/**", "/api/tokens/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/rules/**", "/api/digests/**").hasAnyRole(SEE_EVERYTHING)
                        .requestMatchers("/api/backtests/**", "/api/emails/**", "/api/dead-letters/**",
                                "/api/suppressions/**").hasAnyRole(SEE_EVERYTHING)
                        .requestMatchers("/api/health/backfill", "/api/health/backfill/**").hasAnyRole(SEE_EVERYTHING)
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers(API_POLICY, ReferrerPolicy.NO_REFERRER))
                .build();
    }

    /** The API docs describe the API to anyone; every call from them still needs a token. */
    @Bean
    @Order(2)
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        return http.securityMatcher("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers(API_DOCS_POLICY, ReferrerPolicy.SAME_ORIGIN))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, SignInThrottle throttle, People people) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/unsubscribe/**",
                                "/css/**", "/js/**", "/images/**", "/favicon.ico").permitAll()
                        // Refused with the friendly 403 page (ErrorPages), like any page a viewer may not open.
                        .requestMatchers("/admin/notifications", "/admin/notifications/**").hasAnyRole(SEE_EVERYTHING)
                        // The CS ops pages; a play's measured runs are for everyone (a CSM sees their own accounts').
                        .requestMatchers("/ops/plays/outcomes", "/ops/plays/outcomes/**").authenticated()
                        .requestMatchers("/ops/rules", "/ops/rules/**", "/ops/plays", "/ops/plays/**", "/ops/backtests",
                                "/ops/backtests/**", "/ops/dead-letters", "/ops/dead-letters/**", "/ops/emails",
                                "/ops/emails/**", "/accounts/team/**").hasAnyRole(SEE_EVERYTHING)
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .addFilterBefore(new SessionsFollowPeople(people, new HttpSessionSecurityContextRepository()),
                        AnonymousAuthenticationFilter.class)
                // Mail clients' one-click unsubscribe POST (RFC 8058) carries no CSRF token; its signed token
                // in the path is what makes it safe.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**"))
                // Asked before the password check, which Spring Boot's provider for signIns does next.
                .authenticationProvider(new SignInGate(throttle))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                // Same origin: an unsubscribe link's signed token in the path never travels to another site.
                .headers(headers(PAGES_POLICY, ReferrerPolicy.SAME_ORIGIN))
                .build();
    }

    private static HttpSessionSecurityContextRepository sessionRead() {
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
        repository.setAllowSessionCreation(false);
        return repository;
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> headers(String policy, ReferrerPolicy referrer) {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrerPolicy -> referrerPolicy.policy(referrer))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny);
    }

    @Bean
    SignInThrottle signInThrottle(SignInProperties settings, Clock clock) {
        return new SignInThrottle(settings, clock);
    }

    @Bean
    UserDetailsService signIns(People people) {
        return email -> people.find(email)
                .flatMap(person -> people.passwordHash(email).map(hash -> User.withUsername(person.email())
                        .password(hash)
                        .disabled(!person.enabled())
                        .roles(person.roles().stream().map(Role::name).toArray(String[]::new))
                        .build()))
                .orElseThrow(() -> new UsernameNotFoundException("no user " + email));
    }
}
