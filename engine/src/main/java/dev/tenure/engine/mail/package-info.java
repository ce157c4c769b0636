/** Email delivery: templates from the rule set rendered with Thymeleaf, sent with Spring Mail or kept. */
package dev.tenure.engine.mail;
