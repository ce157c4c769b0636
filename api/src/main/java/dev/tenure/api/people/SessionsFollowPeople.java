package dev.tenure.api.people;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A session signed in with the form follows what an admin changes afterwards, on every node: a person
 * deactivated is signed out at their next request, and changed roles apply from the next request rather
 * than the next sign-in. Bearer tokens need nothing of this: {@link BearerTokens} reads the person anew
 * on every call.
 */
class SessionsFollowPeople extends OncePerRequestFilter {

    private final People people;
    private final HttpSessionSecurityContextRepository sessions;

    SessionsFollowPeople(People people, HttpSessionSecurityContextRepository sessions) {
        this.people = people;
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        // The form's sign-in holds the UserDetails it was made from; a bearer token's holds only the email.
        if (signedIn != null && signedIn.isAuthenticated() && signedIn.getPrincipal() instanceof UserDetails) {
            Optional<Person> person = people.find(signedIn.getName());
            if (person.isPresent() && !person.get().enabled()) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            } else if (person.isPresent() && !authorities(signedIn).equals(authorities(person.get()))) {
                SecurityContext updated = SecurityContextHolder.createEmptyContext();
                updated.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        // The password was erased at sign-in; a session never needs it again.
                        User.withUsername(signedIn.getName()).password("")
                                .authorities(authorities(person.get()).toArray(String[]::new)).build(),
                        null, authorities(person.get()).stream().map(SimpleGrantedAuthority::new).toList()));
                SecurityContextHolder.setContext(updated);
                sessions.saveContext(updated, request, response);
            }
        }
        chain.doFilter(request, response);
    }

    private static Set<String> authorities(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    private static Set<String> authorities(Person person) {
        return person.roles().stream().map(Role::authority).collect(Collectors.toSet());
    }
}
