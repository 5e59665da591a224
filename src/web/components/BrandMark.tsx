/** The product mark (three rising bars), the same drawing as favicon.svg. */
export function BrandMark({ size = 24, className }: { size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#1f5fa8" />
      <path d="M8 23h4v-6H8zm6 0h4V12h-4zm6 0h4V8h-4z" fill="#fff" />
    </svg>
  );
}
