package dev.meshhook.gotemplate;

/** A Go {@code complex128}; only template literals such as {@code 1+2i} produce one. */
public record GoComplex(double re, double im) {}
