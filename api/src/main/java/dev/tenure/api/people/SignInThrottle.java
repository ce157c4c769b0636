package dev.tenure.api.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Counts sign-in attempts per email and per client address, and refuses an email or an address for
 * {@code tenure.sign-in.lockout} once it failed too often ({@link SignInProperties}). Emails nobody has are
 * counted like any other, so a refusal says nothing about which emails exist.
 * <p>
 * An attempt counts from the moment it is let through, before its password is checked, and a success
 * takes its own count back: a burst of parallel guesses cannot all slip through while the first ones are
 * still being checked. A success clears its email's failures, not its address's: one valid account must
 * not let its owner guess at others'.
 * <p>
 * Memory stays bounded whatever an attacker sprays: at most {@code max-tracked} emails and as many
 * addresses are remembered, locked ones the longest. IPv6 addresses count per /64, the block one subscriber usually gets, so
 * hopping through one's own block does not start a fresh count. Each node counts what it sees. A lock is
 * logged as a warning when it starts, naming the email or address.
 */
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** Longer than any email can be: such keys are kept as their hash, so a huge user name costs no memory. */
    private static final int LONGEST_KEY = 320;

    private final SignInProperties settings;
    private final Clock clock;
    private final Tallies accounts;
    private final Tallies addresses;

    SignInThrottle(SignInProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.accounts = new Tallies(settings.maxFailuresPerAccount());
        this.addresses = new Tallies(settings.maxFailuresPerAddress());
    }

    /**
     * Lets an attempt go on to its password check, counting it against its email and its address, or
     * refuses it while either is locked.
     *
     * @throws TooManySignIns while the address or the email is locked, with how long is left
     */
    synchronized void admit(String email, String address) {
        Instant now = clock.instant();
        String account = accountKey(email);
        String from = addressKey(address);
        Duration addressWait = addresses.lockedFor(from, now);
        if (addressWait != null) {
            throw new TooManySignIns(TooManySignIns.Scope.ADDRESS, addressWait);
        }
        Duration accountWait = accounts.lockedFor(account, now);
        if (accountWait != null) {
            throw new TooManySignIns(TooManySignIns.Scope.ACCOUNT, accountWait);
        }
        Instant until = now.plus(settings.lockout());
        if (accounts.count(account, now)) {
            log.warn("Too many failed sign-ins for the email {}: refused until {}", printable(account), until);
        }
        if (addresses.count(from, now)) {
            log.warn("Too many failed sign-ins from the address {}: refused until {}", printable(from), until);
        }
    }

    /** The attempt had the right password: its email starts afresh, its address takes this attempt back. */
    synchronized void succeeded(String email, String address) {
        accounts.forget(accountKey(email));
        addresses.takeBack(addressKey(address));
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn
                && signedIn.getDetails() instanceof WebAuthenticationDetails web) {
            succeeded(signedIn.getName(), web.getRemoteAddress());
        }
    }

    /** How many emails and addresses are remembered now. */
    synchronized int tracked() {
        return accounts.size() + addresses.size();
    }

    static String accountKey(String email) {
        return bounded(email == null ? "" : People.normalize(email));
    }

    /** IPv4 as it is; IPv6 by its /64 (an IPv4-mapped one as the IPv4 address). */
    static String addressKey(String address) {
        if (address == null) {
            return "";
        }
        if (address.indexOf(':') >= 0) {
            try {
                // In brackets the text is only ever parsed as an IPv6 literal, never looked up in DNS.
                InetAddress parsed = InetAddress.getByName("[" + address + "]");
                if (parsed instanceof Inet4Address) {
                    return parsed.getHostAddress();
                }
                byte[] bytes = parsed.getAddress();
                Arrays.fill(bytes, 8, bytes.length, (byte) 0);
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException notAnAddress) {
                return bounded(address);
            }
        }
        return bounded(address);
    }

    /** A user name is whatever was typed: no line breaks of its own in the log. */
    private static String printable(String key) {
        return '"' + key.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    private static String bounded(String key) {
        if (key.length() <= LONGEST_KEY) {
            return key;
        }
        try {
            return "sha-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /** The tallies of one kind of key, least recently used first. */
    private final class Tallies {
        private final int limit;
        private final LinkedHashMap<String, Tally> byKey = new LinkedHashMap<>(16, 0.75f, true);

        Tallies(int limit) {
            this.limit = limit;
        }

        /** How long the key is still locked, or null. */
        Duration lockedFor(String key, Instant now) {
            Tally tally = byKey.get(key);
            return tally == null || !tally.lockedAt(now) ? null : Duration.between(now, tally.lockedUntil);
        }

        /** @return whether this attempt locked the key */
        boolean count(String key, Instant now) {
            Tally tally = byKey.get(key);
            if (tally == null) {
                makeRoom(now);
                tally = new Tally(now);
                byKey.put(key, tally);
            }
            return tally.count(now, limit);
        }

        void takeBack(String key) {
            Tally tally = byKey.get(key);
            if (tally != null) {
                tally.takeBack(limit);
            }
        }

        void forget(String key) {
            byKey.remove(key);
        }

        int size() {
            return byKey.size();
        }

        /**
         * Tallies that ran out go first; if none did, the least recently used one that is not locked, so
         * spraying fresh names cannot unlock an account early; only if every one is locked, the eldest.
         */
        private void makeRoom(Instant now) {
            if (byKey.size() < settings.maxTracked()) {
                return;
            }
            byKey.values().removeIf(tally -> tally.over(now));
            if (byKey.size() < settings.maxTracked()) {
                return;
            }
            for (Iterator<Tally> eldestFirst = byKey.values().iterator(); eldestFirst.hasNext(); ) {
                if (!eldestFirst.next().lockedAt(now)) {
                    eldestFirst.remove();
                    return;
                }
            }
            Iterator<Tally> eldest = byKey.values().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Attempts counted since the first of a window, and the end of a lockout once the limit was reached. */
    private final class Tally {
        private Instant since;
        private int attempts;
        private Instant lockedUntil;

        Tally(Instant now) {
            this.since = now;
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }

        boolean count(Instant now, int limit) {
            if (lockedUntil != null || !now.isBefore(since.plus(settings.window()))) {
                since = now;
                attempts = 0;
                lockedUntil = null;
            }
            attempts++;
            if (attempts < limit) {
                return false;
            }
            lockedUntil = now.plus(settings.lockout());
            return true;
        }

        void takeBack(int limit) {
            attempts = Math.max(0, attempts - 1);
            if (attempts < limit) {
                lockedUntil = null;
            }
        }

        /** Neither locked nor within its window: nothing left to remember. */
        boolean over(Instant now) {
            return !lockedAt(now) && !now.isBefore(since.plus(settings.window()));
        }
    }
}
