/** Why a play run, step, task or email exists, in one call: rule, rule set version, matched facts, DRL file. */
package dev.tenure.api.why;
