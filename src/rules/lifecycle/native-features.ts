// Well-known extensions whose feature the release now ships natively. Keep it small and sourced: an entry only when
// the native module is a real replacement for the extension (usually the same code, contributed to the core).

export interface NativeFeature {
  feature: string;
  /** Module names and Composer packages of the extensions. */
  modules: string[];
  packages: string[];
  /** The native module(s) and the package in the release's package set that brings them. */
  nativeModules: string[];
  nativePackage: string;
  /** First release that ships it natively. */
  since: string;
  source: string;
  /**
   * Magento's own metapackages required the extension before the native module replaced it (2.3's msp/*): listed in
   * app/etc/config.php without code in the project, it came with Magento, and the upgrade's Composer update takes it.
   */
  bundledBefore?: string;
}

export const NATIVE_FEATURES: NativeFeature[] = [
  {
    feature: 'two-factor authentication for the admin',
    modules: ['MSP_TwoFactorAuth'],
    packages: ['msp/twofactorauth'],
    nativeModules: ['Magento_TwoFactorAuth'],
    nativePackage: 'magento/security-package',
    since: '2.4.0',
    // magento/product-community-edition 2.3.x requires msp/twofactorauth (2.3.2's lock: 3.1.1).
    bundledBefore: '2.4.0',
    // MageSpecialist's module became Magento_TwoFactorAuth in magento/security-package (mandatory from 2.4.0).
    source:
      'https://experienceleague.adobe.com/en/docs/commerce-admin/systems/security/2fa/security-two-factor-authentication',
  },
  {
    feature: 'Google reCAPTCHA',
    modules: ['MSP_ReCaptcha', 'Mageplaza_GoogleRecaptcha'],
    packages: ['msp/recaptcha', 'mageplaza/module-google-recaptcha'],
    nativeModules: ['Magento_ReCaptchaAdminUi', 'Magento_ReCaptchaFrontendUi', 'Magento_ReCaptchaCustomer'],
    nativePackage: 'magento/security-package',
    since: '2.4.0',
    // magento/product-community-edition 2.3.x requires msp/recaptcha (2.3.2's lock: 2.1.2); Mageplaza's is not Magento's.
    bundledBefore: '2.4.0',
    source:
      'https://experienceleague.adobe.com/en/docs/commerce-admin/systems/security/captcha/security-google-recaptcha',
  },
  {
    feature: 'Page Builder (drag-and-drop content editing)',
    modules: ['Gene_BlueFoot'],
    packages: ['gene/bluefoot'],
    nativeModules: ['Magento_PageBuilder'],
    nativePackage: 'magento/page-builder',
    since: '2.4.3',
    // Page Builder grew out of Gene's BlueFoot; Magento Open Source ships it from 2.4.3.
    source: 'https://experienceleague.adobe.com/en/docs/commerce-operations/release/notes/magento-open-source/2-4-3',
  },
  {
    feature: 'Login as Customer',
    modules: ['Magefan_LoginAsCustomer'],
    packages: ['magefan/module-login-as-customer'],
    nativeModules: ['Magento_LoginAsCustomer'],
    nativePackage: 'magento/module-login-as-customer',
    since: '2.4.0',
    // Magefan contributed its module to the core as Magento_LoginAsCustomer.
    source:
      'https://experienceleague.adobe.com/en/docs/commerce-admin/customers/customer-accounts/manage/login-as-customer',
  },
];
