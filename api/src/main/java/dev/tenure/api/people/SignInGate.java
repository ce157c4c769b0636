package dev.tenure.api.people;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The first step of a form sign-in: refuses it while its email or client address is throttled, before
 * the email is looked up or the password checked, so a locked account refuses the right password too and
 * an unknown email is refused exactly like a known one. Otherwise it lets the sign-in go on (null: not
 * decided here) to the password check.
 * <p>
 * The client address is the request's remote address: the proxy's, unless
 * {@code server.forward-headers-strategy} tells Tomcat to trust X-Forwarded-For.
 * <p>
 * Not a bean: an {@link AuthenticationProvider} bean would replace Spring Boot's password check instead
 * of coming before it.
 */
final class SignInGate implements AuthenticationProvider {

    private final SignInThrottle throttle;

    SignInGate(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        throttle.admit(attempt.getName(), address);
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
