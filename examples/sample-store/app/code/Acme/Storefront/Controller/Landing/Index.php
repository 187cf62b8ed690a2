<?php
declare(strict_types=1);

namespace Acme\Storefront\Controller\Landing;

use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\View\Result\PageFactory;

/**
 * /seo/landing: campaign landing pages written by the marketing team.
 */
class Index implements HttpGetActionInterface
{
    public function __construct(private readonly PageFactory $pageFactory)
    {
    }

    public function execute()
    {
        return $this->pageFactory->create();
    }
}
