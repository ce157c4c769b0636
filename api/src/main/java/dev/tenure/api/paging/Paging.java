package dev.tenure.api.paging;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Lets every REST handler take a {@link PageQuery}, read and bounded by {@link PageQueryResolver}. */
@Configuration
@EnableConfigurationProperties(PagingProperties.class)
class Paging implements WebMvcConfigurer {

    private final PagingProperties properties;

    Paging(PagingProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PageQueryResolver(properties));
    }
}
