<?php
declare(strict_types=1);

namespace Acme\Storefront\Plugin;

use Magento\PageCache\Model\Varnish\VclGenerator;

/**
 * Our Varnish cluster runs 6.0 LTS: always export the VCL for version 6, whatever the button said.
 */
class VclGeneratorPlugin
{
    public function beforeGenerateVcl(VclGenerator $subject, $version): array
    {
        return [max((int) $version, 6)];
    }

    public function afterGenerateVcl(VclGenerator $subject, string $result): string
    {
        return str_replace('.grace = 300s', '.grace = 3600s', $result);
    }
}
