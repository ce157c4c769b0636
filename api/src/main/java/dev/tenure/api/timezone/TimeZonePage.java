package dev.tenure.api.timezone;

import dev.tenure.api.pages.Page;
import dev.tenure.api.pages.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

/**
 * The signed-in person's time zone: a page to choose it, and the address the pages' script reports the
 * browser's zone to, which is kept only while the person has not chosen one.
 */
@Page
@RequestMapping("/profile/time-zone")
class TimeZonePage {

    private final PersonTimeZones zones;

    TimeZonePage(PersonTimeZones zones) {
        this.zones = zones;
    }

    @GetMapping
    String form(HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(request);
        model.addAttribute("viewer", viewer);
        model.addAttribute("times", zones.timesOf(viewer.email()));
        model.addAttribute("chosen", zones.chosen(viewer.email()).map(z -> z.getId()).orElse(null));
        model.addAttribute("zones", List.copyOf(new TreeSet<>(PersonTimeZones.names())));
        return "timezone/time-zone";
    }

    @PostMapping
    String choose(HttpServletRequest request, @RequestParam(required = false) String timeZone, RedirectAttributes flash) {
        Viewer viewer = Viewer.of(request);
        try {
            String saved = zones.set(viewer.email(), timeZone).getId();
            flash.addFlashAttribute("notice", "Times are now shown in " + saved + ".");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/profile/time-zone";
    }

    /**
     * The browser's zone, from the pages' script: 200 when it is the person's zone now (it replaced the default,
     * or an earlier report of the same zone did), so a page drawn in another zone is drawn again; 204 when the
     * person has another. A page drawn while another tab's report was on its way would otherwise keep the default.
     */
    @PostMapping("/browser")
    ResponseEntity<Void> browser(HttpServletRequest request, @RequestParam(required = false) String timeZone) {
        Viewer viewer = Viewer.of(request);
        try {
            boolean theirs = zones.setIfUnset(viewer.email(), timeZone)
                    || zones.chosen(viewer.email()).map(ZoneId::getId).filter(PersonTimeZones.parse("timeZone", timeZone).getId()::equals).isPresent();
            return theirs ? ResponseEntity.ok().build() : ResponseEntity.noContent().build();
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().build();
        }
    }
}
