package dev.orderflow.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderflow.security.*}. CORS is closed unless origins are listed: the APIs serve backends and operators, and a
 * browser application on another origin must be named to be let in.
 *
 * @param corsAllowedOrigins origins a browser may call the API from (none by default)
 */
@ConfigurationProperties("orderflow.security")
public record ApiSecurityProperties(@DefaultValue List<String> corsAllowedOrigins) {}
